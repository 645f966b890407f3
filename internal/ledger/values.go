package ledger

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Amounts are read as decimal strings and scaled by powers of ten, never
// through float arithmetic: 1234.56万元 is 12345600 yuan exactly.

var unitExp = map[string]int{"元": 0, "万元": 4, "万": 4, "亿元": 8, "亿": 8}

var (
	errNotAmount = errors.New("not an amount")
	errNegative  = errors.New("negative")
	errTooLarge  = errors.New("too large")
	errNotArea   = errors.New("not an area")
)

// decimal is a parsed non-negative-or-negative decimal number.
type decimal struct {
	neg         bool
	int, frac   string // digits only
	explicitExp int    // unit written in the cell ("5亿元"): its exponent, else -1
}

var (
	plainNumber = regexp.MustCompile(`^([+-]?)(\d+)(?:\.(\d*))?$`)
	expNumber   = regexp.MustCompile(`^[+-]?\d+(?:\.\d*)?[eE][+-]?\d+$`)
	numberUnit  = regexp.MustCompile(`^(.*?)(万元|亿元|元|万|亿)$`)
)

// placeholders are what offices type into an amount cell that has none.
var placeholders = map[string]bool{"": true, "-": true, "/": true, "无": true, "--": true}

// parseDecimal reads a number as an office types or Excel stores it:
// thousands separators, full-width digits, a currency sign and a trailing
// unit (元/万元/亿元) are accepted; words such as 约 or 左右 are not.
func parseDecimal(text string) (decimal, error) {
	s := strings.TrimLeft(halfWidth(squeeze(text)), "¥￥")
	s = strings.ReplaceAll(s, ",", "")
	d := decimal{explicitExp: -1}
	if placeholders[s] {
		return d, nil
	}
	if m := numberUnit.FindStringSubmatch(s); m != nil {
		s, d.explicitExp = m[1], unitExp[m[2]]
	}
	if expNumber.MatchString(s) || significantDigits(s) > 15 {
		// Excel keeps 15 significant digits; longer forms are binary noise
		// written by other programs (1234.5599999999999).
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return d, errNotAmount
		}
		s = numberText(f)
	}
	m := plainNumber.FindStringSubmatch(s)
	if m == nil {
		return d, errNotAmount
	}
	d.neg, d.int, d.frac = m[1] == "-", m[2], m[3]
	return d, nil
}

func significantDigits(s string) int {
	n := 0
	for _, r := range strings.TrimLeft(s, "+-0.") {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func (d decimal) zero() bool {
	return strings.Trim(d.int, "0") == "" && strings.Trim(d.frac, "0") == ""
}

// yuan scales d by 10^exp and rounds to the yuan, half away from zero.
func (d decimal) yuan(exp int) (int64, error) {
	digits := d.int + d.frac
	point := len(d.int) + exp
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	whole, rest := digits[:point], digits[point:]
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 18 {
		return 0, errTooLarge
	}
	v, _ := strconv.ParseInt("0"+whole, 10, 64)
	if rest != "" && rest[0] >= '5' {
		v++
	}
	if d.neg && v != 0 {
		return 0, errNegative
	}
	return v, nil
}

// amountYuan reads an amount cell in the column's unit; a unit written in
// the cell wins ("5亿元" in a 万元 column is 5亿).
func amountYuan(text, unit string) (int64, error) {
	d, err := parseDecimal(text)
	if err != nil {
		return 0, err
	}
	exp := unitExp[unit]
	if d.explicitExp >= 0 {
		exp = d.explicitExp
	}
	return d.yuan(exp)
}

// areaValue reads 亩 or m² as a float (areas are not money; a float is
// what the ledger keeps), accepting a trailing unit.
func areaValue(text string) (*float64, error) {
	s := strings.TrimSpace(halfWidth(squeeze(text)))
	for _, u := range []string{"平方米", "亩", "㎡", "m2", "m²"} {
		s = strings.TrimSuffix(s, u)
	}
	s = strings.ReplaceAll(s, ",", "")
	if placeholders[s] {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, errNotArea
	}
	if f < 0 {
		return nil, errNegative
	}
	return &f, nil
}

// yearSpan is a construction period: years, and months when given.
type yearSpan struct {
	start, end           int
	startMonth, endMonth int
}

var (
	spanSep  = regexp.MustCompile(`-+|至|到`)
	yearPart = regexp.MustCompile(`^(\d{2}|\d{4})(?:[.年/](\d{1,2})月?)?$`)
)

// parseYears reads 建设年限: "2009-2011", "2010-", "09.10-11.3",
// "2023年—2025年", "2007.10-2010.12", or one year.
func parseYears(text string) (yearSpan, bool) {
	s := strings.ReplaceAll(halfWidth(squeeze(text)), "年-", "-")
	s = strings.TrimSuffix(s, "年")
	if s == "" {
		return yearSpan{}, true
	}
	parts := spanSep.Split(s, -1)
	if len(parts) > 2 || parts[0] == "" {
		return yearSpan{}, false
	}
	var sp yearSpan
	var ok bool
	if sp.start, sp.startMonth, ok = yearMonth(parts[0]); !ok {
		return yearSpan{}, false
	}
	if len(parts) == 1 {
		sp.end = sp.start
		return sp, true
	}
	if parts[1] != "" {
		if sp.end, sp.endMonth, ok = yearMonth(parts[1]); !ok || sp.end < sp.start {
			return yearSpan{}, false
		}
	}
	return sp, true
}

func yearMonth(s string) (year, month int, ok bool) {
	m := yearPart.FindStringSubmatch(strings.TrimSuffix(s, "年"))
	if m == nil {
		return 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	if len(m[1]) == 2 {
		year += 2000 // "09.10-11.3": two-digit years are this century
	}
	if m[2] != "" {
		month, _ = strconv.Atoi(m[2])
		if month < 1 || month > 12 {
			return 0, 0, false
		}
	}
	return year, month, year >= 1949 && year <= 2100
}

var datePattern = regexp.MustCompile(`^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?|月)?)?年?$`)

// excelEpoch is day 0 of Excel's 1900 date system as it really counts
// (it believes 1900 was a leap year).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// parseDate reads a date cell into YYYY-MM-DD. A date stored as a number
// comes as an Excel serial; "2024.3" and "2024年3月" give the first of the
// month, a bare year the first of January.
func parseDate(text string) (string, bool) {
	s := halfWidth(squeeze(text))
	if s == "" {
		return "", true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 20000 && f < 80000 {
		return excelEpoch.AddDate(0, 0, int(f)).Format(time.DateOnly), true
	}
	m := datePattern.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, d := 1, 1
	if m[2] != "" {
		mo, _ = strconv.Atoi(m[2])
	}
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1949 || y > 2100 || t.Month() != time.Month(mo) || t.Day() != d {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// personName tidies a name typed with alignment spaces: "成  斌" is 成斌;
// longer text keeps single spaces.
func personName(text string) string {
	s := collapse(text)
	if n := []rune(squeeze(s)); len(n) <= 4 && !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return string(n)
	}
	return s
}

// splitWithHead splits "建设单位 及责任人" cells: "福建武邵高速公路发展有限公司
// 李介立" is the company and its head. A cell without a separate short
// last part is all name.
func splitWithHead(text string) (name, head string) {
	parts := strings.Fields(strings.ReplaceAll(text, "\u3000", " "))
	if len(parts) >= 2 {
		last := parts[len(parts)-1]
		if n := len([]rune(last)); n >= 2 && n <= 4 {
			return strings.Join(parts[:len(parts)-1], " "), last
		}
	}
	return collapse(text), ""
}

func itoa(i int) string { return strconv.Itoa(i) }
