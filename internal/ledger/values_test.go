package ledger

import (
	"testing"

	"tuijin"
)

func TestAmountYuan(t *testing.T) {
	tests := []struct {
		text, unit string
		want       int64
		err        error
	}{
		{"1234.56", "万元", 12345600, nil},
		{"1378400", "万元", 13784000000, nil},
		{"0.0001", "万元", 1, nil},
		{"0.00005", "万元", 1, nil}, // half a yuan rounds up
		{"1,234.5", "万元", 12345000, nil},
		{"54,583.00", "万元", 545830000, nil},
		{"１２３", "万元", 1230000, nil},
		{"2.5", "亿元", 250000000, nil},
		{"12.3456789", "亿元", 1234567890, nil},
		{"99.99", "元", 100, nil},
		{"5亿元", "万元", 500000000, nil},
		{"5亿", "万元", 500000000, nil},
		{"300万元", "亿元", 3000000, nil},
		{"￥1000元", "万元", 1000, nil},
		{"1234.5599999999999", "万元", 12345600, nil},
		{"1.5E3", "万元", 15000000, nil},
		{"", "万元", 0, nil},
		{"-", "万元", 0, nil},
		{" ", "万元", 0, nil},
		{"约5亿", "万元", 0, errNotAmount},
		{"5亿左右", "万元", 0, errNotAmount},
		{"待定", "万元", 0, errNotAmount},
		{"1.2.3", "万元", 0, errNotAmount},
		{"-5", "万元", 0, errNegative},
		{"99999999999999999999", "万元", 0, errTooLarge},
	}
	for _, tt := range tests {
		got, err := amountYuan(tt.text, tt.unit)
		if got != tt.want || err != tt.err {
			t.Errorf("amountYuan(%q, %s) = %d, %v; want %d, %v", tt.text, tt.unit, got, err, tt.want, tt.err)
		}
	}
}

func TestNumberText(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1378400, "1378400"}, {0.1 + 0.2, "0.3"}, {1234.5678, "1234.5678"},
		{-2.5, "-2.5"}, {1e20, "100000000000000000000"}, {0.000012, "0.000012"}, {0, "0"},
	}
	for _, tt := range tests {
		if got := numberText(tt.f); got != tt.want {
			t.Errorf("numberText(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

func TestParseYears(t *testing.T) {
	tests := []struct {
		text               string
		start, end, sm, em int
		ok                 bool
	}{
		{"2009-2011", 2009, 2011, 0, 0, true},
		{"2010-", 2010, 0, 0, 0, true},
		{"09.10-11.3", 2009, 2011, 10, 3, true},
		{"2023年—2025年", 2023, 2025, 0, 0, true},
		{"2007.10-2010.12", 2007, 2010, 10, 12, true},
		{"2024年3月-2025年6月", 2024, 2025, 3, 6, true},
		{"2024", 2024, 2024, 0, 0, true},
		{"2023～2025", 2023, 2025, 0, 0, true},
		{"2023至2025", 2023, 2025, 0, 0, true},
		{"2025-2023", 0, 0, 0, 0, false},
		{"三年", 0, 0, 0, 0, false},
		{"2024.13-2025", 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		sp, ok := parseYears(tt.text)
		want := yearSpan{tt.start, tt.end, tt.sm, tt.em}
		if ok != tt.ok || (ok && sp != want) {
			t.Errorf("parseYears(%q) = %+v, %v; want %+v, %v", tt.text, sp, ok, want, tt.ok)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"2024-03-15", "2024-03-15", true},
		{"2024.3", "2024-03-01", true},
		{"2024年3月", "2024-03-01", true},
		{"2024年3月5日", "2024-03-05", true},
		{"2024/12/31", "2024-12-31", true},
		{"40377", "2010-07-18", true}, // an Excel date serial
		{"2024", "2024-01-01", true},
		{"", "", true},
		{"2024-02-30", "", false},
		{"年底", "", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseFunding(t *testing.T) {
	got := parseFunding("专项债5000万元；自筹2000，银行贷款1.5亿元、PPP", "万元")
	want := []tuijin.Funding{
		{Source: "专项债", AmountYuan: 50000000}, {Source: "自筹", AmountYuan: 20000000},
		{Source: "银行贷款", AmountYuan: 150000000}, {Source: "PPP"},
	}
	if len(got) != len(want) {
		t.Fatalf("parseFunding = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := parseFunding("合 计", "万元"); len(got) != 0 {
		t.Errorf("合计 is not a source: %+v", got)
	}
}

// TestClassify pins the header spellings seen in real ledgers.
func TestClassify(t *testing.T) {
	tests := []struct {
		group, leaf string
		want        field
	}{
		{"", "总投资（万元）", fTotal}, {"", "总投资(万元)", fTotal}, {"", "项目总投资", fTotal},
		{"", "总投资\n（万元）", fTotal}, {"", "项目预估总投资（亿元）", fTotal}, {"", "投资总额", fTotal},
		{"", "至2009年底累计完成投资（万元）", fCompletedBefore}, {"", "截至上年底累计完成投资", fCompletedBefore},
		{"", "开工至上一年度底累计完成投资", fCompletedBefore}, {"", "“十一五”完成投资（万元）", fCompletedBefore},
		{"", "2010年计划投资\n（万元）", fYearPlan}, {"", "2010年度计划投资额", fYearPlan}, {"", "年度计划投资", fYearPlan},
		{"", "8月至12月计划投资额", fNone}, {"", "完成投资占年计划%", fNone}, {"", "2010年1-7月完成投资（万元）", fNone},
		{"", "“十二五”规划投资（万元）", fNone},
		{"", "建设起止时间", fYears}, {"", "建设\n年限", fYears}, {"", "建设起止年限", fYears},
		{"项目业主单位", "业主名称", fOwnerName}, {"项目业主单位", "负责人", fOwnerHead},
		{"项目业主单位", "联系人", fOwnerContact}, {"项目业主单位", "电话、电子邮箱及传真", fOwnerPhone},
		{"市或县挂钩责任单位", "单位名称", fDept}, {"市或县挂钩责任单位", "责任人", fDeptHead},
		{"市或县挂钩责任单位", "联络人", fDeptLiaison}, {"挂钩责任单位", "电话及传真", fDeptPhone},
		{"", "建设单位                 及责任人", fOwnerWithHead}, {"", "市或县挂钩责任单位及责任人", fDeptWithHead},
		{"", "市挂钩领导", fLeader}, {"", "项目挂\n点领导", fLeader}, {"", "包抓领导", fLeader},
		{"", "项目\n名称", fName}, {"", "业主名称", fOwnerName}, {"", "单位名称", fNone},
		{"", "拟开工时间", fPlannedStart}, {"", "今年开工时间", fActualStart}, {"", "拟竣工时间", fPlannedCompletion},
		{"", "省级或市级重点项目", fLevel}, {"", "建设地点", fAddress}, {"", "资金来源", fFunding},
		{"8月", "当月完成投资额（万元）", fNone}, {"2010年实际完成情况", "1-3月实际完成投资(万元)", fNone},
	}
	for _, tt := range tests {
		if got := classify(tt.group, tt.leaf); got != tt.want {
			t.Errorf("classify(%q, %q) = %v, want %v", tt.group, tt.leaf, fieldKeys[got], fieldKeys[tt.want])
		}
	}
}
