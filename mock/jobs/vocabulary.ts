import type { JobIndustry } from '@/core/contract'

/** A kind of job: its title, a typical monthly pay band (RMB) and what it asks for. */
export interface JobKind {
  title: string
  pay: [number, number]
  education: string
  duties: string
}

const E0 = '学历不限'
const E1 = '初中及以上'
const E2 = '高中/中专及以上'
const E3 = '大专及以上'
const E4 = '本科及以上'

export const KINDS: Record<JobIndustry, JobKind[]> = {
  it: [
    { title: 'Java 开发工程师', pay: [15000, 30000], education: E4, duties: '负责业务系统后端接口的设计与开发，参与代码评审' },
    { title: '前端开发工程师', pay: [13000, 26000], education: E4, duties: '负责小程序与网页前端开发，配合设计还原页面' },
    { title: '软件测试工程师', pay: [9000, 18000], education: E3, duties: '编写测试用例，执行功能与接口测试并跟踪缺陷' },
    { title: '运维工程师', pay: [10000, 20000], education: E3, duties: '维护服务器与网络，处理线上告警与故障' },
    { title: '数据分析师', pay: [12000, 24000], education: E4, duties: '整理业务数据，制作报表并给出分析结论' },
    { title: '产品经理', pay: [15000, 30000], education: E4, duties: '收集需求，撰写产品文档，推动功能上线' },
    { title: 'UI 设计师', pay: [10000, 20000], education: E3, duties: '负责移动端界面与视觉设计' },
    { title: 'IT 技术支持', pay: [6000, 10000], education: E3, duties: '为办公人员提供电脑、网络与软件的日常支持' },
  ],
  manufacturing: [
    { title: '普工', pay: [5000, 7500], education: E0, duties: '在产线完成装配、包装等工序，服从班组安排' },
    { title: '操作工（两班倒）', pay: [6000, 8500], education: E1, duties: '按作业指导书操作设备，做好交接班记录' },
    { title: '质检员', pay: [5500, 8000], education: E2, duties: '对来料和成品进行检验，填写检验记录' },
    { title: '设备维修工', pay: [7000, 11000], education: E2, duties: '负责生产设备的日常保养与故障维修' },
    { title: '数控车床操作工', pay: [7000, 10000], education: E2, duties: '操作数控车床加工零件，能看懂图纸' },
    { title: '电焊工', pay: [8000, 12000], education: E1, duties: '完成钢结构件的焊接，持焊工证上岗' },
    { title: '生产主管', pay: [10000, 16000], education: E3, duties: '安排生产计划，管理班组人员与现场安全' },
    { title: '口罩生产线操作工', pay: [6000, 9000], education: E0, duties: '负责口罩生产线上料、巡检与包装，复工急需' },
  ],
  logistics: [
    { title: '快递员', pay: [7000, 12000], education: E0, duties: '负责片区快件的揽收与派送' },
    { title: '分拣员', pay: [5000, 7000], education: E0, duties: '在转运中心按线路分拣包裹' },
    { title: '货车司机（C1）', pay: [8000, 12000], education: E1, duties: '驾驶厢式货车完成市内配送，持 C1 及以上驾照' },
    { title: '仓库管理员', pay: [5500, 8000], education: E2, duties: '负责出入库登记、盘点与库位管理' },
    { title: '物流调度员', pay: [6500, 9500], education: E3, duties: '安排车辆与线路，跟踪在途货物' },
    { title: '生鲜配送员', pay: [7000, 11000], education: E0, duties: '为社区团购与生鲜门店配送到户' },
  ],
  retail: [
    { title: '超市理货员', pay: [4500, 6000], education: E0, duties: '负责商品上架、补货与陈列' },
    { title: '收银员', pay: [4500, 6000], education: E1, duties: '负责门店收银与会员登记' },
    { title: '门店店长', pay: [8000, 13000], education: E3, duties: '负责门店经营、排班与库存管理' },
    { title: '药店营业员', pay: [5000, 7000], education: E2, duties: '为顾客介绍药品，负责门店日常销售' },
    { title: '采购专员', pay: [7000, 11000], education: E3, duties: '寻找供应商，比价下单并跟进到货' },
    { title: '电商客服', pay: [5000, 7500], education: E2, duties: '在线回复顾客咨询，处理售后' },
  ],
  catering: [
    { title: '厨师', pay: [7000, 11000], education: E0, duties: '负责热菜制作，保证出品质量与卫生' },
    { title: '餐厅服务员', pay: [4500, 6000], education: E0, duties: '负责点餐、传菜与餐区清洁' },
    { title: '面点师', pay: [6000, 9000], education: E0, duties: '负责包点、面食的制作' },
    { title: '餐厅经理', pay: [9000, 14000], education: E3, duties: '负责餐厅运营、人员与成本管理' },
    { title: '中央厨房配菜员', pay: [5000, 7000], education: E0, duties: '按配方切配、分装食材' },
  ],
  healthcare: [
    { title: '护士', pay: [7000, 12000], education: E3, duties: '负责病区护理工作，持护士执业证' },
    { title: '护工', pay: [5000, 7500], education: E0, duties: '照护住院病人的起居与清洁' },
    { title: '药剂师', pay: [8000, 12000], education: E4, duties: '负责处方审核与药品调配' },
    { title: '医学检验技师', pay: [8000, 13000], education: E4, duties: '负责标本检测与报告审核' },
    { title: '预检分诊员', pay: [5500, 7500], education: E2, duties: '在医院入口测温、询问流行病学史并引导就诊' },
  ],
  education: [
    { title: '小学语文教师', pay: [8000, 13000], education: E4, duties: '负责语文教学与班级管理，持教师资格证' },
    { title: '英语教师', pay: [9000, 15000], education: E4, duties: '负责线上线下英语课程教学' },
    { title: '课程顾问', pay: [7000, 15000], education: E3, duties: '为家长介绍课程，跟进报名' },
    { title: '幼儿园保育员', pay: [5000, 7000], education: E2, duties: '负责幼儿生活照料与卫生消毒' },
    { title: '职业技能培训讲师', pay: [9000, 16000], education: E3, duties: '为企业员工讲授技能课程' },
  ],
  finance: [
    { title: '银行柜员', pay: [6000, 9000], education: E4, duties: '办理柜面存取款与开户业务' },
    { title: '理财顾问', pay: [8000, 18000], education: E4, duties: '为客户提供理财规划与产品介绍' },
    { title: '保险代理人', pay: [5000, 15000], education: E3, duties: '为客户讲解保险产品并协助理赔' },
    { title: '会计', pay: [7000, 11000], education: E3, duties: '负责记账、报税与财务报表' },
    { title: '风控专员', pay: [10000, 18000], education: E4, duties: '审核贷款申请，监测风险' },
  ],
  construction: [
    { title: '施工员', pay: [8000, 12000], education: E3, duties: '负责现场施工组织与进度管理' },
    { title: '安全员', pay: [7000, 10000], education: E3, duties: '负责工地安全检查与防疫登记' },
    { title: '造价员', pay: [8000, 13000], education: E3, duties: '编制工程预算与结算' },
    { title: '电工', pay: [7000, 10000], education: E2, duties: '负责线路安装与维修，持电工证' },
    { title: '水电安装工', pay: [7000, 11000], education: E1, duties: '负责室内水电管线安装' },
  ],
  property: [
    { title: '物业管理员', pay: [5500, 8000], education: E3, duties: '处理业主报修与投诉，协调保洁保安' },
    { title: '小区保安', pay: [4500, 6000], education: E1, duties: '负责门岗值守、来访登记与巡逻' },
    { title: '房产经纪人', pay: [6000, 20000], education: E2, duties: '带客看房，促成房屋买卖与租赁' },
    { title: '保洁员', pay: [4000, 5500], education: E0, duties: '负责公共区域清洁与消毒' },
    { title: '楼宇工程维修工', pay: [6000, 9000], education: E2, duties: '负责楼宇水电、空调与电梯的日常维护' },
  ],
  community: [
    { title: '社区工作者', pay: [6000, 8500], education: E3, duties: '参与社区事务、居民走访与信息登记' },
    { title: '网格员', pay: [5500, 7500], education: E2, duties: '巡查网格内的安全隐患与环境问题并上报' },
    { title: '养老护理员', pay: [5000, 7500], education: E1, duties: '照护社区长者的日常生活' },
    { title: '社区卫生服务中心导医', pay: [5000, 7000], education: E2, duties: '引导就诊、协助预约与咨询' },
  ],
  domestic: [
    { title: '家政服务员', pay: [5000, 8000], education: E0, duties: '负责家庭保洁、做饭与整理' },
    { title: '育婴师', pay: [8000, 13000], education: E1, duties: '照护 0–3 岁婴幼儿，持育婴师证优先' },
    { title: '月嫂', pay: [10000, 18000], education: E1, duties: '照顾产妇与新生儿' },
    { title: '钟点工', pay: [4000, 6500], education: E0, duties: '按小时上门做家务' },
  ],
  media: [
    { title: '新媒体运营', pay: [7000, 12000], education: E3, duties: '运营公众号与短视频账号，策划内容' },
    { title: '文案策划', pay: [8000, 13000], education: E4, duties: '撰写活动与品牌文案' },
    { title: '视频剪辑师', pay: [7000, 12000], education: E3, duties: '负责短视频拍摄与剪辑' },
    { title: '摄影师', pay: [7000, 12000], education: E3, duties: '负责产品与活动拍摄' },
  ],
  energy: [
    { title: '环保工程师', pay: [9000, 15000], education: E4, duties: '负责污水与废气处理项目的技术工作' },
    { title: '电力巡检员', pay: [6500, 9500], education: E2, duties: '巡检配电设施并记录缺陷' },
    { title: '垃圾分类指导员', pay: [4500, 6000], education: E0, duties: '在小区投放点指导居民分类投放' },
    { title: '光伏运维工程师', pay: [8000, 12000], education: E3, duties: '负责光伏电站的运行与维护' },
  ],
  agriculture: [
    { title: '农业技术员', pay: [6000, 9000], education: E3, duties: '指导种植、病虫害防治与田间管理' },
    { title: '园林绿化工', pay: [5000, 7000], education: E0, duties: '负责绿地养护、修剪与浇灌' },
    { title: '水产养殖员', pay: [5500, 8000], education: E1, duties: '负责鱼塘投喂、水质监测' },
    { title: '蔬菜基地采收员', pay: [4500, 6500], education: E0, duties: '负责蔬菜采收、分拣与装箱' },
  ],
}

/** Employer names: a brand word and a suffix that fits the industry. */
export const BRANDS = [
  '申江',
  '浦江',
  '东方',
  '华信',
  '明珠',
  '金桥',
  '汇通',
  '鼎盛',
  '恒丰',
  '新沪',
  '海纳',
  '长风',
  '锦程',
  '星辰',
  '瑞丰',
  '嘉禾',
  '天盛',
  '宏远',
  '亿达',
  '中沪',
  '沪联',
  '盛世',
  '远航',
  '晨光',
  '同舟',
  '新城',
  '百川',
  '众联',
  '安泰',
  '兴隆',
  '九州',
  '东海',
  '南汇',
  '北斗',
  '春申',
  '滨江',
  '松江',
  '云海',
  '立信',
  '博雅',
  '启明',
  '禾丰',
  '信达',
  '永安',
  '和平',
]

export const SUFFIXES: Record<JobIndustry, string[]> = {
  it: ['信息技术有限公司', '网络科技有限公司', '软件有限公司', '数据科技有限公司'],
  manufacturing: ['机械制造有限公司', '电子有限公司', '精密部件有限公司', '医用材料有限公司', '汽车配件有限公司'],
  logistics: ['物流有限公司', '供应链管理有限公司', '快运有限公司', '速递有限公司'],
  retail: ['超市有限公司', '商贸有限公司', '大药房连锁有限公司', '便利店有限公司'],
  catering: ['餐饮管理有限公司', '酒家', '食品有限公司', '团膳服务有限公司'],
  healthcare: ['医院', '护理院', '医疗器械有限公司', '门诊部'],
  education: ['教育培训中心', '幼儿园', '职业技能培训学校', '文化教育有限公司'],
  finance: ['银行上海分行', '保险代理有限公司', '财务咨询有限公司', '融资租赁有限公司'],
  construction: ['建设工程有限公司', '建筑装饰有限公司', '市政工程有限公司'],
  property: ['物业管理有限公司', '房地产经纪有限公司', '保安服务有限公司'],
  community: ['街道社区事务受理服务中心', '养老服务中心', '社区卫生服务中心'],
  domestic: ['家政服务有限公司', '母婴护理有限公司'],
  media: ['文化传媒有限公司', '广告有限公司', '影视制作有限公司'],
  energy: ['环保科技有限公司', '电力工程有限公司', '新能源有限公司', '环境卫生服务有限公司'],
  agriculture: ['农业发展有限公司', '园林绿化有限公司', '水产养殖专业合作社', '蔬菜专业合作社'],
}

export const TAGS = [
  '五险一金',
  '包吃住',
  '双休',
  '年终奖',
  '交通补贴',
  '餐补',
  '带薪年假',
  '可兼职',
  '应届生可投',
  '急招',
  '复工急需',
  '弹性工作',
  '提供住宿',
  '节日福利',
  '定期体检',
  '免费培训',
  '就近上班',
]

export const EXPERIENCE = ['经验不限', '1 年以上', '1–3 年', '3–5 年', '5 年以上']

export const REQUIREMENTS = [
  '身体健康，能适应倒班',
  '做事认真负责，有团队合作精神',
  '普通话流利，沟通表达清楚',
  '会使用电脑和常用办公软件',
  '有相关岗位经验者优先',
  '持健康证上岗（可入职后办理）',
  '近 14 天无疫情中高风险地区旅居史',
  '能接受就近片区调配',
  '有上海居住证或户籍者优先',
  '能吃苦耐劳，服从安排',
]

export const STREET_WORDS = ['中山', '人民', '建设', '长江', '黄河', '民生', '复兴', '解放', '淮海', '光明', '和平', '新华']
export const CONTACT_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '郭']
