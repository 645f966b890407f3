// Package ledger reads and writes the project ledger (项目台账) as offices
// keep it in Excel: the sheet side of import and export. It is pure: bytes
// in, tuijin.Project values out, and back; no database.
//
// # API
//
//	p, err := ledger.Read(r, size, "台账.xls", ledger.Options{Year: 2025})
//	p.Sheets        // one SheetResult per sheet that holds a project list
//	p.Skipped       // the other sheets, each with a reason (zh and en)
//	p.Errors()      // every CellError: "第12行 总投资（万元）: '约5亿' 不是金额"
//	ledger.WriteXLSX(w, 2025, "某县2025年重点项目台账", projects)
//	ledger.WriteCSV(w, 2025, projects)
//
// Read's error is for files that cannot be read at all (a *tuijin.Error
// with code EINVALID and key "sheet_unreadable"); everything wrong inside a
// readable file is in the result. The format comes from the content:
// OLE2 is legacy .xls, zip is .xlsx, valid UTF-8 text is CSV.
//
// # Reading a sheet
//
// The header is the row among the first 40 that names the most known
// columns and has a project-name column; a merge running down from it (or,
// without merges, a following text-only row without a name) makes it a
// two- or three-row header, whose group cells ("项目业主单位" over
// "业主名称|负责人|联系人|电话") give context to the columns under them.
// Columns are mapped by the words that matter in their header, so
// "总投资（万元）", "总投资 (万元)", "项目总投资" and "项目预估总投资（亿元）"
// all land in TotalInvestmentYuan; fields.go lists the spellings. A column
// the ledger has no field for, and a second column for a field already
// mapped, is kept in Project.Extra under its header text ("group/leaf"
// under a group), so nothing typed is lost; 1-N月完成 and monthly progress
// columns go there too.
//
// A sheet is skipped, with its reason, when it is empty, has no
// project-name column (summaries by area or by count), has a name column but
// none of the ledger columns (总投资, 项目性质, 建设内容, 建设年限, 年度计划,
// 截至上年底累计完成: progress sheets and contractor lists), or is a form
// with one project per sheet (labels such as 项目总投资额 under the first row).
//
// Each row under the header is one of: blank (including numbered template
// rows and rows of zeros), a note (备注, 注：, footnotes "1、项目性质：指…",
// signature lines), a total (合计/总计/小计/共计), a section ("一 工业",
// "（一）工业项目82个", "一、市本级（48项）", a name alone in a numbered
// sheet), a breakdown ("其中：在建重点项目（90项）" and the count lines under
// it, which set nothing), a continuation (a nameless row under a project
// with only a funding source: one more Funding entry), or a project.
// Sections set what their words say on the rows beneath, where the row's
// own cells are empty: stage (在建, 新开工, 前期, 预备, 筹建, 储备 ...), level
// (市本级, 县本级, 省重点 ...), nature (新建/续建/扩建), area (a name ending in
// 市/县/区/镇/乡/街道/开发区/园区/新区/管委会, and "龙海市合计14个") into Town,
// and otherwise the category. Row.Section shows the path.
//
// # Amounts, units, years and dates
//
// Amounts are read from the stored value, never from the displayed text,
// so a number is never a date; they are scaled as decimal strings, never
// through float arithmetic (1234.56万元 is 12345600 yuan), and rounded to the
// yuan. Numbers are taken to 15 significant digits as Excel shows them.
// The unit is the column's (from its header or its group's), else the
// sheet's (a unit row such as "计量单位：万元" or "（单位：亿元）" above the
// header, else the total column's), else 万元. A cell may carry its own unit
// ("5亿元", "300万"), with thousands separators and full-width digits; any
// other text ("约5亿", "5亿左右", "待定") is a cell error, as is a negative
// amount. "-", "/", "无" and empty cells are 0. Areas accept a trailing 亩 or
// 平方米.
//
// 建设年限 reads "2009-2011", "2010-" (open end), "09.10-11.3",
// "2023年—2025年", "2007.10-2010.12" and a single year; months, when given,
// fill PlannedStart/PlannedCompletion (first of the month) where no date
// column does. Dates read as YYYY-MM-DD from Excel date serials, "2024-3-5",
// "2024/3/5", "2024年3月5日", and "2024.3" or "2024年3月" (first of the month).
// A number typed as 2024.10 is stored by Excel as 2024.1 and reads as
// January: Tuijin cannot see the format that showed it as October.
//
// Options.Year is the list year for an annual-plan header without one
// ("年度计划投资"); 0 means the year in the sheet's title, else the current
// year. Each annual-plan column becomes a YearPlan, with the project's level.
//
// 项目性质 cells carry stages as often as natures: 新开工 is a new project
// that is starting, 在建/促竣工 set the stage to construction, 前期/报批 to
// preliminary, 储备/在谈/签约 to reserve. A word that is neither is kept in
// Extra and warned about once per sheet. ★ in the name or the 序号 marks a
// flagship project; other marks in the 序号 ("1●") become tags.
//
// # Totals
//
// Every total row, and every section row that states amounts or a count,
// is checked against the project rows it covers: a grand total (合计, 总计)
// the whole sheet, an area subtotal ("龙海市合计14个") and a section row the
// rows beneath it until the next one of the same or a higher level, a 小计
// the rows since the previous section. A mismatch in the count or in any
// amount column is a warning, never an error: real templates carry 合计 rows
// for many more projects than their few example rows.
//
// # Legacy .xls
//
// Excel 97-2003 files are read by our own BIFF8 record reader (xls.go) on
// top of the OLE2 container reader github.com/richardlehane/mscfb (which
// excelize already needs). The pure-Go .xls packages on the module proxy
// were tried on the twelve real ledgers: github.com/extrame/xls shows
// amounts whose cells carry a custom number format as dates (the ★ project's
// 1,378,400万元 came out as 2166-08-08), drops formula results and panics
// on empty sheets; github.com/shakinm/xlsReader skips every formula cell
// (the 合计 rows come out empty); neither reports merged cells. Excel 5.0/95
// (BIFF5) and password-protected workbooks are refused as unreadable.
//
// # Export
//
// WriteXLSX writes a title row, a unit row, a two-row header with merged
// group headers (项目业主单位, 责任单位), a 合计 row, a section row with
// subtotals wherever the category changes (projects come ordered; projects
// without a category after categorised ones go under 未分类), amounts in 万元
// shown with two decimals but stored to the yuan, the header and the first
// three columns frozen, column widths, A4 landscape fitted to the page width
// with the header rows repeated on every printed page and page numbers in
// the footer. WriteCSV writes the same columns plus 项目类别, one header row,
// UTF-8 with a byte-order mark.
//
// Reading an export gives back every field it writes, to the yuan: code,
// name, flagship, stage, nature, level, domain, industry, category, content,
// town, address, areas, amounts, the year's plan, years, planned and actual
// dates, owner and responsibility chain, funding, remarks and Extra. Not
// written: IDs, coordinates, tags, other years' plans. A category whose name
// reads as a place or a stage ("城区", "在建") comes back as town or stage.
package ledger
