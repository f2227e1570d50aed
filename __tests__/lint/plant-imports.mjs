// Lints planted imports as if they were written in the named files, and prints what ESLint said
// (JSON on stdout). A child process: ESLint's flat config is an ES module that jest cannot load.
import { ESLint } from 'eslint'

const plants = JSON.parse(process.argv[2])
const eslint = new ESLint({ cwd: process.cwd() })
const out = []
for (const { file, code } of plants) {
  const [result] = await eslint.lintText(code, { filePath: file })
  out.push({
    file,
    code,
    messages: result.messages.map((m) => ({ rule: m.ruleId, message: m.message })),
  })
}
process.stdout.write(JSON.stringify(out))
