//! A spreadsheet read into a grid of cells, whatever it came as: .xlsx, .xls and .ods through
//! calamine; .csv and .txt in UTF-8 (with or without a BOM), UTF-16 or Windows-1251, with `;`,
//! `,` or a tab between fields — the encoding and the separator found from the bytes, not asked.

use chrono::NaiveDate;
use std::path::Path;

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text: a whole number without a decimal part (an ИНН stored as a number is
    /// its digits), a fraction with the decimal comma, a date as `25.11.2021`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", *v as i64),
            Cell::Number(v) => format!("{v}").replace('.', ","),
            Cell::Date(d) => crate::text::format_date(*d),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a date: a date cell, an Excel serial number, or text the roadmap reads
    /// (`25.11.2021`, `25.11.21`, `2021-11-25`). `Err` when there is something that is no date.
    pub fn date(&self) -> Result<Option<NaiveDate>, NotADate> {
        match self {
            Cell::Empty => Ok(None),
            Cell::Date(d) => Ok(Some(*d)),
            Cell::Number(v) => excel_serial(*v).map(Some).ok_or(NotADate),
            Cell::Text(s) if s.trim().is_empty() => Ok(None),
            Cell::Text(s) => {
                let s = s.trim();
                // "2021-11-25T00:00:00" as .ods keeps dates.
                let s = s.split_once('T').map_or(s, |(d, _)| d);
                crate::text::parse_date(s).map(Some).ok_or(NotADate)
            }
        }
    }
}

/// A cell that holds something, and not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotADate;

/// An Excel serial date (days since 30.12.1899), within the years a date may fall in.
pub fn excel_serial(v: f64) -> Option<NaiveDate> {
    if !(1.0..1_000_000.0).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let d = base.checked_add_days(chrono::Days::new(v.floor() as u64))?;
    crate::text::YEARS.contains(&chrono::Datelike::year(&d)).then_some(d)
}

/// One sheet of a workbook, or the whole of a text file.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The line (of a text file) or row (of a workbook) each row starts on, 1-based: what the
    /// user sees in their editor or spreadsheet when told "row 7".
    pub lines: Vec<usize>,
}

/// What was read, and how the text of a text file was understood.
#[derive(Clone, Debug)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// For a text file: the encoding and the separator found.
    pub encoding: Option<&'static str>,
    pub separator: Option<char>,
}

/// Why a file could not be read, in words for its user.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Io(String),
    Empty,
    Password,
    NotSpreadsheet,
    Damaged(String),
}

/// The largest file read: a district's lists are a few megabytes; anything far larger is not
/// one of them and would only fill the memory.
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    read_some(path, &|names| vec![true; names.len()])
}

/// Which of a workbook's sheets (by name) to read: the others are left unread.
pub type Select<'a> = &'a dyn Fn(&[String]) -> Vec<bool>;

/// Reads only the sheets `select` keeps (a text file is one sheet, always read).
pub fn read_some(path: &Path, select: Select) -> Result<Workbook, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if meta.is_dir() {
        return Err(ReadError::NotSpreadsheet);
    }
    if meta.len() > MAX_BYTES {
        return Err(ReadError::NotSpreadsheet);
    }
    let bytes = std::fs::read(path).map_err(|e| ReadError::Io(e.to_string()))?;
    read_bytes_some(&bytes, select)
}

pub fn read_bytes(bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_bytes_some(bytes, &|names| vec![true; names.len()])
}

fn read_bytes_some(bytes: &[u8], select: Select) -> Result<Workbook, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    let workbook = if bytes.starts_with(b"PK\x03\x04") {
        office(bytes, select)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE container: an old .xls, or an .xlsx locked with a password.
        if contains_utf16(bytes, "EncryptionInfo") {
            return Err(ReadError::Password);
        }
        office(bytes, select)?
    } else {
        text(bytes)?
    };
    if workbook.sheets.iter().all(|s| s.rows.iter().all(|r| r.iter().all(Cell::is_empty))) {
        return Err(ReadError::Empty);
    }
    Ok(workbook)
}

/// The names of a workbook's sheets (none for a text file or a file not read).
pub fn sheet_names(path: &Path) -> Vec<String> {
    use calamine::Reader;
    std::fs::read(path)
        .ok()
        .and_then(|b| calamine::open_workbook_auto_from_rs(std::io::Cursor::new(b)).ok())
        .map(|w| w.sheet_names().into_iter().map(|n| crate::text::clean_line(&n)).collect())
        .unwrap_or_default()
}

fn contains_utf16(bytes: &[u8], word: &str) -> bool {
    let needle: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn office(bytes: &[u8], select: Select) -> Result<Workbook, ReadError> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| {
        let s = e.to_string();
        if s.to_lowercase().contains("password") {
            ReadError::Password
        } else if bytes.starts_with(b"PK") {
            ReadError::Damaged(s)
        } else {
            ReadError::NotSpreadsheet
        }
    })?;
    let mut sheets = Vec::new();
    let names = book.sheet_names();
    let keep = select(&names);
    for (name, _) in names.into_iter().zip(keep).filter(|(_, k)| *k) {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) if e.to_string().to_lowercase().contains("password") => return Err(ReadError::Password),
            Err(e) => return Err(ReadError::Damaged(e.to_string())),
        };
        // The range starts at its first used cell; the rows above and the columns to the left
        // are kept empty, so that a row number said to the user is the one the file shows.
        let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(row.iter().map(|d| match d {
                Data::Empty | Data::Error(_) => Cell::Empty,
                Data::String(s) => Cell::Text(s.clone()),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Text(if *b { "да" } else { "нет" }.into()),
                Data::DateTime(dt) if dt.is_datetime() => {
                    excel_serial(dt.as_f64()).map_or(Cell::Number(dt.as_f64()), Cell::Date)
                }
                Data::DateTime(dt) => Cell::Number(dt.as_f64()),
                Data::DateTimeIso(s) => {
                    let day = s.split_once('T').map_or(s.as_str(), |(d, _)| d);
                    crate::text::parse_date(day).map_or(Cell::Text(s.clone()), Cell::Date)
                }
                Data::DurationIso(s) => Cell::Text(s.clone()),
            }));
            rows.push(cells);
        }
        let lines = (1..=rows.len()).collect();
        // A sheet's name is shown on screen: no control or escape characters in it.
        sheets.push(Sheet { name: crate::text::clean_line(&name), rows, lines });
    }
    Ok(Workbook { sheets, encoding: None, separator: None })
}

/// The text of a text file: UTF-8 when the bytes are valid UTF-8 (a Windows-1251 Russian text
/// practically never is), UTF-16 by its BOM, otherwise Windows-1251.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, enc, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1251")
        }
    }
}

fn text(bytes: &[u8]) -> Result<Workbook, ReadError> {
    let (text, encoding) = decode(bytes);
    // A binary file (a picture, an archive, a program) is no table of text.
    let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if controls * 50 > text.chars().count().max(1) || text.contains('\0') {
        return Err(ReadError::NotSpreadsheet);
    }
    let separator = separator(&text);
    let (rows, lines) = split(&text, separator).map_err(ReadError::Damaged)?;
    Ok(Workbook {
        sheets: vec![Sheet { name: String::new(), rows, lines }],
        encoding: Some(encoding),
        separator: Some(separator),
    })
}

fn split(text: &str, sep: char) -> Result<(Vec<Vec<Cell>>, Vec<usize>), String> {
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep as u8).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // A record's position is where the reader stood after the one before: blank lines
        // skipped in between are counted here, so that "row 7" is the line the editor shows.
        let line = record.position().map_or(rows.len() + 1, |p| {
            let mut line = p.line() as usize;
            let mut rest = &text.as_bytes()[(p.byte() as usize).min(text.len())..];
            while let Some(r) = rest.strip_prefix(b"\r\n").or_else(|| rest.strip_prefix(b"\n")) {
                line += 1;
                rest = r;
            }
            line
        });
        lines.push(line);
        rows.push(
            record.iter().map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect(),
        );
    }
    Ok((rows, lines))
}

/// The separator that splits the first lines into the same number of fields, most often and
/// into the most fields: `;` (what Excel on a Russian Windows writes), `,` or a tab.
fn separator(text: &str) -> char {
    let head: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
    let mut best = (';', 0usize);
    for sep in [';', '\t', ','] {
        let Ok((rows, _)) = split(&head, sep) else { continue };
        let widths: Vec<usize> = rows.iter().map(|r| r.len()).filter(|w| *w > 1).collect();
        let Some(mode) = mode(&widths) else { continue };
        let score = widths.iter().filter(|w| **w == mode).count() * 1000 + mode;
        if score > best.1 {
            best = (sep, score);
        }
    }
    best.0
}

fn mode(values: &[usize]) -> Option<usize> {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(*v).or_insert(0usize) += 1;
    }
    counts.into_iter().max_by_key(|(v, n)| (*n, *v)).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1251_file_with_semicolons_and_a_quoted_line_break_is_read() {
        let text = "Наименование ОО;ИНН;Доля\n\"МБОУ «СОШ №1»\nг. Пикалево\";4715012345;98,6 %\nЛицей;;1\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let book = read_bytes(&bytes).unwrap();
        assert_eq!(book.encoding, Some("Windows-1251"));
        assert_eq!(book.separator, Some(';'));
        let rows = &book.sheets[0].rows;
        assert_eq!(rows[1][0], Cell::Text("МБОУ «СОШ №1»\nг. Пикалево".into()));
        assert_eq!(rows[1][2].text(), "98,6 %");
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn commas_and_tabs_are_found_and_a_bom_is_dropped() {
        let book = read_bytes("\u{feff}ФИО,Должность\nИванова Анна,учитель\n".as_bytes()).unwrap();
        assert_eq!((book.encoding, book.separator), (Some("UTF-8"), Some(',')));
        assert_eq!(book.sheets[0].rows[0][0], Cell::Text("ФИО".into()));
        let book = read_bytes("ФИО\tДолжность\nИванова, Анна\tучитель\n".as_bytes()).unwrap();
        assert_eq!(book.separator, Some('\t'));
        assert_eq!(book.sheets[0].rows[1][0].text(), "Иванова, Анна");
    }

    #[test]
    fn dates_are_read_from_text_serials_and_refused_when_wrong() {
        assert_eq!(Cell::Number(44525.0).date(), Ok(NaiveDate::from_ymd_opt(2021, 11, 25)));
        assert_eq!(Cell::Text("25.11.21".into()).date(), Ok(NaiveDate::from_ymd_opt(2021, 11, 25)));
        assert_eq!(Cell::Text("2021-11-25T00:00:00".into()).date(), Ok(NaiveDate::from_ymd_opt(2021, 11, 25)));
        assert_eq!(Cell::Text("31.02.2024".into()).date(), Err(NotADate));
        assert_eq!(Cell::Number(4715012345.0).text(), "4715012345");
    }

    #[test]
    fn empty_binary_and_locked_files_are_told_apart() {
        assert_eq!(read_bytes(b"  \n").unwrap_err(), ReadError::Empty);
        assert_eq!(read_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap_err(), ReadError::NotSpreadsheet);
        let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        locked.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_bytes(&locked).unwrap_err(), ReadError::Password);
        assert!(matches!(read_bytes(b"PK\x03\x04broken").unwrap_err(), ReadError::Damaged(_)));
    }
}
