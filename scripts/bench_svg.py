"""Line charts drawn as SVG by hand (the standard library only), for scripts/bench --scale.

    svg = charts([panel, panel], title, subtitle)

A panel is a dict: title, x_label, y_label, x (the x values, shared by its series) and series,
a list of dicts: label, values (one per x, None for a gap), and optionally color and dash. The
panels are drawn side by side, each with its axes, ticks, grid and legend under it.
"""

import math
from xml.sax.saxutils import escape

# Tableau 10: distinct on white, and not only by hue.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]

PANEL_W, PLOT_H = 470, 280
HEADER = 30  # the figure's title and subtitle, above the panels
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 64, 28, 56, 46
LEGEND_ROW, LEGEND_COLS = 18, 2
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'


def nice_ticks(top, count=5):
    """Ticks from 0 to at least `top`, on a 1-2-2.5-5 step."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


def fmt_tick(v, thousands=False):
    if thousands and v >= 1000:
        k = v / 1000
        return f"{k:g}k"
    if v == int(v):
        return f"{int(v)}"
    return f"{v:g}"


def _panel(p, left, top):
    """SVG elements of one panel whose top-left corner is at (left, top)."""
    out = []
    plot_w = PANEL_W - MARGIN_L - MARGIN_R
    x0, y0 = left + MARGIN_L, top + MARGIN_T  # top-left of the plot area
    xs = p["x"]
    values = [v for s in p["series"] for v in s["values"] if v is not None]
    xticks = nice_ticks(max(xs), 4)
    yticks = nice_ticks(max(values) if values else 1, 5)
    xmax, ymax = xticks[-1], yticks[-1]

    def px(x):
        return x0 + plot_w * x / xmax

    def py(y):
        return y0 + PLOT_H - PLOT_H * y / ymax

    out.append(f'<text x="{left + PANEL_W / 2:.1f}" y="{top + 28}" text-anchor="middle" '
               f'font-size="14" font-weight="bold">{escape(p["title"])}</text>')
    # Grid and ticks.
    for t in yticks:
        y = py(t)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + plot_w}" y2="{y:.1f}" '
                   f'stroke="#e4e4e4"/>')
        out.append(f'<line x1="{x0 - 4}" y1="{y:.1f}" x2="{x0}" y2="{y:.1f}" stroke="#333"/>')
        out.append(f'<text x="{x0 - 7}" y="{y + 4:.1f}" text-anchor="end" '
                   f'font-size="11">{fmt_tick(t)}</text>')
    for t in xticks:
        x = px(t)
        out.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{y0 + PLOT_H}" '
                   f'stroke="#f0f0f0"/>')
        out.append(f'<line x1="{x:.1f}" y1="{y0 + PLOT_H}" x2="{x:.1f}" '
                   f'y2="{y0 + PLOT_H + 4}" stroke="#333"/>')
        out.append(f'<text x="{x:.1f}" y="{y0 + PLOT_H + 17}" text-anchor="middle" '
                   f'font-size="11">{fmt_tick(t, thousands=True)}</text>')
    # Axes.
    out.append(f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y0 + PLOT_H}" stroke="#333"/>')
    out.append(f'<line x1="{x0}" y1="{y0 + PLOT_H}" x2="{x0 + plot_w}" y2="{y0 + PLOT_H}" '
               f'stroke="#333"/>')
    out.append(f'<text x="{x0 + plot_w / 2:.1f}" y="{y0 + PLOT_H + 36}" text-anchor="middle" '
               f'font-size="12">{escape(p["x_label"])}</text>')
    cy = y0 + PLOT_H / 2
    out.append(f'<text x="{left + 16}" y="{cy:.1f}" text-anchor="middle" font-size="12" '
               f'transform="rotate(-90 {left + 16} {cy:.1f})">{escape(p["y_label"])}</text>')
    # Lines and points.
    for i, s in enumerate(p["series"]):
        color = s.get("color") or PALETTE[i % len(PALETTE)]
        dash = f' stroke-dasharray="{s["dash"]}"' if s.get("dash") else ""
        pts = [(px(x), py(v), x, v) for x, v in zip(xs, s["values"]) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b, _, _ in pts)
            out.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                       f'stroke-width="2"{dash}/>')
        for a, b, x, v in pts:
            tip = f'{s["label"]}: {v:.3g} at {x:,} images'
            out.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{color}">'
                       f'<title>{escape(tip)}</title></circle>')
    # Legend under the plot.
    ly = y0 + PLOT_H + MARGIN_B + 8
    col_w = (PANEL_W - MARGIN_L) / LEGEND_COLS
    for i, s in enumerate(p["series"]):
        color = s.get("color") or PALETTE[i % len(PALETTE)]
        dash = f' stroke-dasharray="{s["dash"]}"' if s.get("dash") else ""
        lx = x0 + (i % LEGEND_COLS) * col_w
        row_y = ly + (i // LEGEND_COLS) * LEGEND_ROW
        out.append(f'<line x1="{lx:.1f}" y1="{row_y}" x2="{lx + 22:.1f}" y2="{row_y}" '
                   f'stroke="{color}" stroke-width="2"{dash}/>')
        out.append(f'<circle cx="{lx + 11:.1f}" cy="{row_y}" r="3" fill="{color}"/>')
        out.append(f'<text x="{lx + 28:.1f}" y="{row_y + 4}" font-size="11">'
                   f'{escape(s["label"])}</text>')
    return out


def charts(panels, title, subtitle=""):
    rows = max(math.ceil(len(p["series"]) / LEGEND_COLS) for p in panels)
    width = PANEL_W * len(panels)
    height = HEADER + MARGIN_T + PLOT_H + MARGIN_B + 8 + rows * LEGEND_ROW + 6
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" {FONT} fill="#222">',
           f'<rect width="{width}" height="{height}" fill="#fff"/>',
           f'<text x="{width / 2}" y="16" text-anchor="middle" font-size="13">'
           f'{escape(title)}</text>']
    if subtitle:
        out.append(f'<text x="{width / 2}" y="{16 + 15}" text-anchor="middle" font-size="11" '
                   f'fill="#666">{escape(subtitle)}</text>')
    for i, p in enumerate(panels):
        out.extend(_panel(p, i * PANEL_W, HEADER))
    out.append("</svg>")
    return "\n".join(out) + "\n"
