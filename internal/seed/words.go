package seed

// Word lists the generator draws names from. They are plain data: a later
// capability that needs more vocabulary adds a list here.

// Place names are made of two characters, one from each list, so that a
// province of a hundred counties gets distinct, plausible names.
var (
	placeFirst  = []rune("安永清青长福平宁临云南东武泰兴宜乐崇金广石瑞会上新丰德华光明阳嘉兰桂松龙凤白玉")
	placeSecond = []rune("平宁河山乐安阳远江溪丰和国城昌源州化兴泉林峰水田川湖坪口桥塘岭湾屯")
)

// townSuffixes: most towns are 镇; some are 乡 or urban 街道.
var townSuffixes = []string{"镇", "镇", "镇", "镇", "乡", "街道"}

// bureaus are a county's responsible departments (局办), by short name.
var bureaus = []string{"发改局", "工信局", "住建局", "自然资源局", "交通运输局", "水利局", "商务局", "农业农村局",
	"文旅局", "教育局", "卫健局", "生态环境局", "城管局", "民政局"}

// bureausByDomain says which bureaus usually answer for a project of each
// domain; a town answers for the rest.
var bureausByDomain = map[string][]string{
	"产业":   {"发改局", "工信局", "商务局"},
	"基础设施": {"交通运输局", "住建局", "水利局", "城管局"},
	"民生":   {"教育局", "卫健局", "民政局", "住建局"},
	"农业农村": {"农业农村局", "水利局"},
	"文化旅游": {"文旅局"},
	"绿色低碳": {"发改局", "生态环境局"},
}

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤")

var givenNames = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
	"超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕", "晓东", "红梅", "文博", "国庆", "建国", "立新", "春生",
	"玉兰", "振华", "德明", "少华", "家豪", "思远", "雅琴", "永红", "卫东", "小平", "新民", "慧敏", "俊杰", "海涛", "丽华"}

// leaderTitles are the posts of the leaders in charge (包抓领导).
var leaderTitles = []string{"县长", "常务副县长", "副县长", "副县长", "副县长", "县委常委", "人大副主任", "政协副主席"}

// brands, companyWords and companyForms make owner companies (项目业主).
var (
	brands = []string{"华宇", "恒信", "鑫源", "宏达", "瑞丰", "天成", "金盛", "永泰", "博瑞", "嘉禾", "锦程", "安达", "海川", "汇通",
		"正大", "明珠", "润泽", "中联", "远航", "卓越", "新峰", "广厦", "旭日", "同创", "德信", "宝丰", "华南", "聚力", "长青", "致远"}
	companyWords = []string{"新材料", "智能装备", "现代物流", "食品", "文旅发展", "新能源", "水务", "医药", "电子科技", "纺织",
		"农业发展", "建材", "汽车零部件", "环保科技", "数字科技", "冷链", "机械制造", "生物科技", "光电", "置业"}
	companyForms = []string{"有限公司", "科技有限公司", "股份有限公司", "集团有限公司", "实业有限公司"}
)

// A project template: the section (category) it is listed under, its
// domain and industry, a name pattern and a content pattern. In patterns
// {town}, {place}, {place2}, {n} and {phase} are filled in.
type template struct {
	Category, Domain, Industry string
	Name, Content              string
	// Scale shifts the amount: a road costs more than a kindergarten.
	Scale float64
}

var templates = []template{
	{"产业项目", "产业", "制造业", "年产{n}万吨{product}项目", "新建生产厂房{n}万平方米，购置生产线{m}条及配套设施", 0.2},
	{"产业项目", "产业", "制造业", "{place}{product}产业园{phase}", "建设标准厂房{n}万平方米及研发楼、仓储、道路等配套", 0.5},
	{"产业项目", "产业", "制造业", "{company}{product}生产基地建设项目", "新建厂房及办公用房{n}万平方米，购置设备{m}台（套）", 0.1},
	{"产业项目", "产业", "现代服务业", "{town}现代物流园{phase}", "建设仓储用房{n}万平方米、冷链中心及信息平台", 0.3},
	{"产业项目", "产业", "现代服务业", "{place}商贸综合体项目", "建设商业、酒店及写字楼{n}万平方米", 0.4},
	{"基础设施", "基础设施", "交通", "{place}至{place2}公路改扩建工程", "改扩建二级公路{n}公里，配套桥涵及交安设施", 0.6},
	{"基础设施", "基础设施", "交通", "{place}大道{phase}建设工程", "新建城市主干道{n}公里，配套雨污管网、照明、绿化", 0.5},
	{"基础设施", "基础设施", "市政", "{town}污水处理厂提标改造工程", "日处理规模{n}万吨，配套管网{m}公里", 0},
	{"基础设施", "基础设施", "市政", "{place}城区供水管网改造工程", "改造供水管网{n}公里及加压泵站{m}座", 0},
	{"基础设施", "基础设施", "水利", "{place}河综合治理工程", "治理河道{n}公里，新建堤防{m}公里", 0.2},
	{"民生项目", "民生", "教育", "{place}第{m}中学新建工程", "新建教学楼、宿舍楼等{n}万平方米，办学规模{m}0个班", -0.3},
	{"民生项目", "民生", "教育", "{town}中心幼儿园建设项目", "新建园舍{n}千平方米，设{m}个班", -0.8},
	{"民生项目", "民生", "卫生", "{place}人民医院综合楼建设项目", "新建综合楼{n}万平方米，新增床位{m}00张", 0.1},
	{"民生项目", "民生", "住房", "{town}安置房{phase}", "建设安置房{n}万平方米，{m}00套", 0.2},
	{"农业农村", "农业农村", "农业", "{town}高标准农田建设项目", "建设高标准农田{n}千亩，配套灌排设施", -0.5},
	{"农业农村", "农业农村", "农业", "{town}{crop}产业园", "建设{crop}种植基地{n}千亩及加工厂房", -0.3},
	{"文化旅游", "文化旅游", "旅游", "{place}景区提升工程", "建设游客中心、步道{n}公里及停车场", -0.2},
	{"文化旅游", "文化旅游", "文化", "{place}文化中心建设项目", "建设图书馆、文化馆、展览馆{n}万平方米", 0},
	{"绿色低碳", "绿色低碳", "能源", "{town}{n}0MW光伏发电项目", "建设光伏组件及升压站，装机{n}0兆瓦", 0.3},
	{"绿色低碳", "绿色低碳", "能源", "{place}风电场{phase}", "安装风电机组{m}台，总装机{n}0兆瓦", 0.6},
}

var (
	products = []string{"新型建材", "锂电池材料", "光伏组件", "精密铸件", "电子元器件", "纺织面料", "食品加工", "医用耗材",
		"智能家居", "新能源汽车零部件", "环保设备", "特种纸", "有机肥", "预制菜", "生物基材料"}
	crops  = []string{"茶叶", "柑橘", "蔬菜", "中药材", "水稻", "油茶", "食用菌", "花卉"}
	phases = []string{"", "", "一期", "二期", "三期"}
)

var (
	taskForces = []string{"", "", "", "招商引资专班", "重大项目建设专班", "要素保障专班", "专项债专班"}
	tagWords   = []string{"招商引资", "专项债", "省市联动", "民营投资", "两新", "央企合作", "入库统计"}
)

// Words of the monthly reports (形象进度, 完成情况, 下步计划). In patterns,
// %d is a floor or section number and then the percent done.
var (
	prelimProgress = []string{"可研报告已批复，正在办理用地手续", "正在开展初步设计及概算编制", "已完成项目备案，环评报告编制中",
		"土地已摘牌，正在办理规划许可", "施工图审查中，同步开展招标准备", "正在进行场地平整及临时设施建设"}
	prelimWork = []string{"配合自然资源局开展用地报批。", "完成初步设计专家评审。", "组织召开项目前期工作推进会。",
		"完成地勘外业工作。", "办理施工许可相关手续。", ""}
	prelimPlans   = []string{"加快办理施工许可，力争下月开工", "完成施工图审查并启动招标", "推进土地征收及青苗补偿", "完成环评批复"}
	buildProgress = []string{"主体结构施工至第%d层，累计完成%d%%", "完成路基工程%d公里，累计完成%d%%", "设备安装第%d批进场，累计完成%d%%",
		"第%d标段桩基施工中，累计完成%d%%", "管网铺设%d公里，累计完成%d%%"}
	buildWork = []string{"完成钢筋绑扎及混凝土浇筑。", "完成桩基施工及承台浇筑。", "完成厂房钢结构吊装。", "完成管网铺设及回填。",
		"完成二次结构砌筑。", "组织设备进场安装调试。"}
	buildPlans = []string{"加快主体结构施工", "推进装饰装修及室外配套", "开展设备安装调试", "力争年底前完成主体封顶",
		"组织分部分项工程验收"}
	donePlans     = []string{"完成竣工结算审计", "办理不动产登记", "推进投产达效"}
	returnReasons = []string{"本月完成投资与形象进度不符，请核实后重新填报", "未上传现场照片，请补充后重新提交",
		"统计入库金额与完成投资不一致，请核对", "累计完成投资超过总投资，请核实"}
)

// obstacle is a kind of problem projects meet (问题清单): its type, the
// title it is logged under, what a report says of it, and the bureau that
// answers for it ("" for the project's own department or town).
type obstacle struct {
	typ, title, report, bureau string
}

var obstacles = []obstacle{
	{"land", "项目用地指标未落实", "用地报批进度滞后，影响开工", "自然资源局"},
	{"land", "林地占用审批未完成", "林地手续尚未批复", "自然资源局"},
	{"demolition", "红线内房屋征迁未完成", "征迁工作推进缓慢，部分农户未签约", ""},
	{"demolition", "坟墓迁移协调困难", "红线内坟墓迁移未完成", ""},
	{"permits", "施工许可办理滞后", "施工许可手续未办结", "住建局"},
	{"permits", "环评批复延迟", "环评审批进度滞后", "生态环境局"},
	{"funding", "专项债资金未及时拨付", "资金到位不足，影响施工进度", "发改局"},
	{"funding", "工程款拖欠导致停工", "工程款支付滞后", "发改局"},
	{"utilities", "施工用电未接入", "施工用电接入未完成", "住建局"},
	{"utilities", "供水管网接驳滞后", "供水接驳未完成", "水利局"},
	{"other", "施工扰民引发群众投诉", "周边群众阻工", ""},
}

// Words of problem steps, site visits, meetings and orders.
var (
	applyNotes = []string{"已完成整改，附相关批复文件", "问题已协调解决，现场已恢复施工", "资金已拨付到位，附拨付凭证",
		"手续已办结，附审批文件", "已完成征迁签约，附签约清单"}
	sendBackNotes = []string{"整改佐证材料不全，请补充", "现场核查仍未解决，请继续办理"}
	reopenNotes   = []string{"问题反弹，重新办理"}
	commentNotes  = []string{"请加快办理进度", "已与相关单位对接，正在推进", "下周召开专题协调会研究", "请于本周内反馈办理情况"}
	orderReplies  = []string{"已收悉，已成立专班加快办理，预计本月内完成", "已收悉，正在协调相关单位，近期反馈进展"}
	visitNotes    = []string{"现场施工有序，人员设备到位", "进度滞后，要求施工单位增加作业面", "现场协调解决用地问题",
		"督促业主单位加快资金拨付", "要求做好安全生产和文明施工"}
	visitAsks    = []string{"当前进度如何，能否完成年度计划", "存在哪些堵点卡点", "资金到位情况如何"}
	meetingKinds = []struct{ typ, title string }{{"dispatch", "重点项目调度会"}, {"coordination", "推进协调会"},
		{"promotion", "重大项目专题推进会"}, {"onsite", "重点项目现场办公会"}}
	decisionWords = []string{"由%s牵头，%d个工作日内完成用地报批", "由%s负责协调解决施工用电问题，%d个工作日内反馈",
		"%s加快办理施工许可手续，%d个工作日内办结", "由%s督促资金拨付到位，%d个工作日内完成", "%s牵头做好征迁群众工作，%d个工作日内完成签约"}
)
