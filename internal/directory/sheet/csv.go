package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"
)

// candidate is a legacy encoding a CSV file that is not UTF-8 may be in.
type candidate struct {
	name string
	enc  encoding.Encoding
	// common are frequent characters of text in the encoding's language:
	// Chinese decoded as EUC-KR gives valid but random Hangul, and Korean
	// decoded as GBK valid but random Han, so validity alone cannot tell.
	common string
}

var legacy = []candidate{
	{"EUC-KR", korean.EUCKR, "이다에의는을를로기사하고지가한서스트업주식회술바오핀테크경도수원판교성남용인시구대학연"},
	{"GB18030", simplifiedchinese.GB18030, "的公司有限科技州杭市区人工智能生物医药金融电商物流数据网络信息服务发展中国浙江省"},
}

// readCSV decodes data (BOM, UTF-16, UTF-8, then the legacy encodings)
// and parses it with the delimiter the header line uses.
func readCSV(data []byte, hint func(string) bool) (*Table, error) {
	text, name, err := decode(data, hint)
	if err != nil {
		return nil, err
	}
	raw, lines, err := parseCSV(text)
	if err != nil {
		return nil, err
	}
	return table(raw, lines, name, hint)
}

func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
}

func decode(data []byte, hint func(string) bool) (string, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", fmt.Errorf("the file starts as UTF-8 but is not")
		}
		return string(data), "UTF-8", nil
	case hasUTF16BOM(data):
		s, err := utf16.UTF16(utf16.LittleEndian, utf16.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", "", fmt.Errorf("read UTF-16: %w", err)
		}
		return string(s), "UTF-16", nil
	case utf8.Valid(data):
		return string(data), "UTF-8", nil
	}
	best, bestName, bestScore := "", "", -1<<31
	for _, c := range legacy {
		s, err := c.enc.NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		text := string(s)
		sc := likelihood(text, c.common, hint)
		if sc > bestScore {
			best, bestName, bestScore = text, c.name, sc
		}
	}
	if bestName == "" {
		return "", "", fmt.Errorf("the file is not UTF-8, GBK or EUC-KR text")
	}
	return best, bestName, nil
}

// likelihood scores text as decoded by one encoding: known header cells
// count most, then frequent characters of the language, and every
// replacement or private-use character counts against it.
func likelihood(text, common string, hint func(string) bool) int {
	sc := 0
	firstLine, _, _ := strings.Cut(text, "\n")
	for _, cell := range strings.FieldsFunc(firstLine, func(r rune) bool { return r == ',' || r == ';' || r == '\t' }) {
		if hint != nil && hint(strings.Trim(strings.TrimSpace(cell), `"`)) {
			sc += 100
		}
	}
	for _, r := range text {
		switch {
		case r == utf8.RuneError || unicode.Is(unicode.Co, r):
			sc -= 50
		case strings.ContainsRune(common, r):
			sc += 2
		}
	}
	return sc
}

// parseCSV reads records with the delimiter the first line uses most:
// comma, semicolon (European Excel) or tab, and the line each record
// starts on (the reader skips empty lines, which still count).
func parseCSV(text string) ([][]string, []int, error) {
	firstLine, _, _ := strings.Cut(text, "\n")
	delim := ','
	best := strings.Count(firstLine, ",")
	for _, d := range []rune{';', '\t'} {
		if n := strings.Count(firstLine, string(d)); n > best {
			delim, best = d, n
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, lines, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := r.FieldPos(0)
		out, lines = append(out, rec), append(lines, line)
		if len(out) > MaxRows+10 {
			return nil, nil, &TooManyRowsError{Rows: len(out)}
		}
	}
}

// WriteCSV writes rows as UTF-8 CSV with a byte order mark, which Excel
// needs to read Korean and Chinese correctly.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := w.Write([]byte{0xef, 0xbb, 0xbf}); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write(guard(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// guard keeps a cell that a spreadsheet would read as a formula
// (=, +, -, @ first) from being one, by a leading apostrophe; numbers stay
// numbers.
func guard(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) && !isNumber(c) {
			c = "'" + c
		}
		out[i] = c
	}
	return out
}

func isNumber(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == '-' || r == '+') && i == 0, r == '.':
		default:
			return false
		}
	}
	return digits > 0
}
