//! The report's charts as pictures for the .docx: column charts drawn with plotters into a
//! PNG, in the report's colours and readable in black and white (each series its own shade
//! from dark to light, each column its number written on it).

use crate::export::ChartSpec;
use plotters::prelude::*;

/// The font the pictures' text is drawn in (DejaVu Serif, shipped with the program: a server
/// need not have fonts installed).
static FONT: &[u8] = include_bytes!("fonts/DejaVuSerif.ttf");
const FAMILY: &str = "nastavnik-serif";

/// The program's status colours (held green, under way yellow, planned blue, postponed
/// magenta, cancelled grey, overdue red), each of its own lightness so that a grey print still
/// tells them apart; with the ink its numbers are written in.
const SHADES: [(RGBColor, RGBColor); 6] = [
    (RGBColor(0x1f, 0x5c, 0x2e), WHITE),
    (RGBColor(0xe8, 0xc2, 0x4a), BLACK),
    (RGBColor(0x5b, 0x8f, 0xd1), BLACK),
    (RGBColor(0x9b, 0x59, 0xb6), WHITE),
    (RGBColor(0xc8, 0xc8, 0xc8), BLACK),
    (RGBColor(0xa8, 0x2a, 0x22), WHITE),
];

/// Picture size in pixels (at 150 dpi about 16 × 8 cm).
pub const WIDTH: u32 = 960;
pub const HEIGHT: u32 = 480;

fn font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
    });
}

fn number(cell: &str) -> f64 {
    crate::text::parse_number(&cell.replace(['\u{a0}', ' '], "")).unwrap_or(0.0)
}

/// A PNG of the table's chart: categories from its first column, a series for each column of
/// `spec.series` named by its header; `None` when there is nothing to draw.
pub fn png(spec: &ChartSpec, head: &[String], rows: &[Vec<String>]) -> Option<Vec<u8>> {
    font();
    let rows = &rows[..spec.rows.min(rows.len())];
    if rows.is_empty() || spec.series.is_empty() {
        return None;
    }
    let values: Vec<Vec<f64>> =
        rows.iter().map(|r| spec.series.iter().map(|c| r.get(*c).map_or(0.0, |v| number(v))).collect()).collect();
    let top = if spec.stacked {
        values.iter().map(|v| v.iter().sum::<f64>()).fold(0.0, f64::max)
    } else {
        values.iter().flatten().copied().fold(0.0, f64::max)
    };
    if top <= 0.0 {
        return None;
    }
    let mut buf = vec![255u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let n = rows.len();
        let mut chart = ChartBuilder::on(&root)
            .caption(&spec.title, (FAMILY, 30))
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(56)
            // A category at each whole number, its columns around it.
            .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..top * 1.2)
            .ok()?;
        let labels: Vec<String> = rows.iter().map(|r| r[0].replace("**", "")).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 0.01 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| crate::text::format_number(*y))
            .label_style((FAMILY, 22))
            .draw()
            .ok()?;
        let series = spec.series.len();
        for (k, col) in spec.series.iter().enumerate() {
            let (colour, ink) = SHADES[spec.tones.get(k).copied().unwrap_or(k) % SHADES.len()];
            let name = head.get(*col).cloned().unwrap_or_default();
            let bars = values.iter().enumerate().map(|(i, v)| {
                let (x0, x1, y0, y1) = if spec.stacked {
                    let below: f64 = v[..k].iter().sum();
                    (i as f64 - 0.35, i as f64 + 0.35, below, below + v[k])
                } else {
                    let w = 0.7 / series as f64;
                    let x0 = i as f64 - 0.35 + w * k as f64;
                    (x0, x0 + w, 0.0, v[k])
                };
                Rectangle::new([(x0, y0), (x1, y1)], colour.filled())
            });
            chart
                .draw_series(bars)
                .ok()?
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 16, y + 7)], colour.filled()));
            // The number on each column: read without colour, read in grey.
            let texts = values.iter().enumerate().filter(|(_, v)| v[k] > 0.0).map(|(i, v)| {
                let (x, y) = if spec.stacked {
                    let below: f64 = v[..k].iter().sum();
                    (i as f64 - 0.04, below + v[k] / 2.0 + top * 0.03)
                } else {
                    let w = 0.7 / series as f64;
                    (i as f64 - 0.35 + w * k as f64 + w / 2.0 - 0.04, v[k] + top * 0.07)
                };
                let ink = if spec.stacked { ink } else { BLACK };
                Text::new(crate::text::format_number(v[k]), (x, y), (FAMILY, 24).into_font().color(&ink))
            });
            chart.draw_series(texts).ok()?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((FAMILY, 22))
            .position(SeriesLabelPosition::UpperRight)
            .draw()
            .ok()?;
        root.present().ok()?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, WIDTH, HEIGHT);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().ok()?;
        w.write_image_data(&buf).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_becomes_a_picture_and_nothing_to_draw_none() {
        let head: Vec<String> = ["Вид", "Всего", "проведено", "просрочено"].iter().map(|s| s.to_string()).collect();
        let rows = vec![
            vec!["семинар".into(), "7".into(), "1".into(), "6".into()],
            vec!["курсы".into(), "1".into(), "1".into(), "0".into()],
            vec!["**Итого**".into(), "8".into(), "2".into(), "6".into()],
        ];
        let spec =
            ChartSpec {
                title: "Мероприятия".into(), series: vec![2, 3], rows: 2, stacked: true, tones: vec![0, 5]
            };
        let png = png(&spec, &head, &rows).expect("a picture");
        assert!(png.starts_with(&[137, 80, 78, 71]), "a PNG");
        let zero = vec![vec!["семинар".to_string(), "0".into(), "0".into(), "0".into()]];
        assert!(super::png(&spec, &head, &zero).is_none());
    }
}
