package tuijin

// Page is the paging and sorting part of a list request
// (?page=1&per_page=50&sort=-field).
type Page struct {
	Page    int
	PerPage int
	Sort    string
}

// MaxPerPage bounds one page so that no request reads a whole province.
const MaxPerPage = 500

// Normalize fills defaults and clamps the page size.
func (p *Page) Normalize() {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage < 1 {
		p.PerPage = 50
	}
	if p.PerPage > MaxPerPage {
		p.PerPage = MaxPerPage
	}
}

// Offset is the number of rows before this page.
func (p Page) Offset() int { return (p.Page - 1) * p.PerPage }

// List is one page of a list with the total count.
type List[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}
