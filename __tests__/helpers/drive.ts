/**
 * What a person does to a page in the jsdom layer (`__tests__/pages/**`): type, tap, pick. Every
 * page test drives its page through these, so a change in how Taro's H5 components take input is
 * made here once.
 */
import { act, fireEvent, screen } from '@testing-library/react'

/** The input or textarea called `name`, or else the one labelled so (TextField sets `aria-label`). */
function fieldNamed(nameOrLabel: string): Element {
  const named = document.querySelector(`input[name="${nameOrLabel}"], textarea[name="${nameOrLabel}"]`)
  if (named) return named
  const labelled = screen.queryAllByLabelText(nameOrLabel)
  if (labelled.length === 1) return labelled[0]
  throw new Error(labelled.length ? `${labelled.length} fields labelled "${nameOrLabel}"` : `no input named or labelled "${nameOrLabel}"`)
}

/**
 * Types `value` into a field: by its `name` (or label), or the element itself. A native
 * input/textarea gets an `input` event carrying the value; a Taro web component
 * (`<taro-textarea-core>`, which jsdom never gives an inner textarea) gets the event Taro's own
 * component would send, with the value in `detail`.
 */
export function type(field: string | Element | null, value: string): void {
  if (field === null) throw new Error(`nothing to type "${value}" into`)
  const target = typeof field === 'string' ? fieldNamed(field) : field
  if (target.tagName.startsWith('TARO-')) {
    act(() => {
      target.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
    })
    return
  }
  fireEvent.input(target, { target: { value } })
}

/**
 * Taps the element with this text (exactly one must match) or the element given, and lets the
 * React work the tap starts (state, effects, an in-process request's answer) settle inside `act`.
 */
export async function tap(target: string | RegExp | Element): Promise<void> {
  const element = typeof target === 'string' || target instanceof RegExp ? screen.getByText(target) : target
  await act(async () => {
    fireEvent.click(element)
  })
}

/**
 * Opens the picker of the field `name` (its `#field-<name>`) and confirms the choice it opens on:
 * the first option, or the current one. Every picker keeps its own sheet in the page; the one
 * just opened is the last.
 */
export async function pick(name: string): Promise<void> {
  const opener = document.querySelector(`#field-${name} .field__picker-value`)
  if (!opener) throw new Error(`no picker ${name}`)
  await tap(opener)
  const confirms = screen.getAllByText('确定')
  await tap(confirms[confirms.length - 1])
}

/** What the input called `name` holds, or `undefined` when there is none. */
export function valueOf(name: string): string | undefined {
  return (document.querySelector(`input[name="${name}"]`) as HTMLInputElement | null)?.value
}

/**
 * What the page's textarea shows: Taro's Textarea is a web component (`taro-textarea-core`) that
 * keeps its value as a property, or the attribute before it upgrades; `null` when there is none.
 */
export function textareaShown(): string | null {
  const box = document.querySelector('taro-textarea-core') as (HTMLElement & { value?: string }) | null
  return box ? (box.value ?? box.getAttribute('value')) : null
}

/**
 * A text matcher for the element that shows all of `expected`: `Unbroken` writes the dates and
 * numbers of a line as spans of their own, so the line's text is no longer one text node. The
 * element chosen is the innermost one holding the whole text, never its ancestors.
 */
export function wholeText(expected: string | RegExp): (content: string, element: Element | null) => boolean {
  const fits = (s: string) => (typeof expected === 'string' ? s === expected : expected.test(s))
  return (_content, element) =>
    element !== null && fits(element.textContent ?? '') && !Array.from(element.children).some((c) => fits(c.textContent ?? ''))
}
