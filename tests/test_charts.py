"""SVG charts: accessible names, a tooltip per value, escaped labels, bounded axes, a highlighted funnel stage."""
from datetime import date

from practice.charts import Point, Stage, funnel_chart, line_chart


def points(*values):
    return [Point(date(2026, 3, i + 1), v, f"day {i + 1}: {v}") for i, v in enumerate(values)]


def test_line_chart_has_title_desc_and_one_tooltip_per_point():
    svg = line_chart(points(120, 140, 150), chart_id="c", title="Pace over time", desc="Per day.")
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Pace over time</title><desc id="c-desc">Per day.</desc>' in svg
    assert svg.count("<circle") == 3 and "<title>day 2: 140</title>" in svg


def test_empty_chart_says_so():
    assert "No answers yet" in line_chart([], chart_id="c", title="t", desc="d")


def test_single_point_is_centred_not_divided_by_zero():
    svg = line_chart(points(5), chart_id="c", title="t", desc="d")
    assert 'cx="234.0"' in svg and svg.count("01 Mar") == 1


def test_labels_are_escaped():
    svg = line_chart([Point(date(2026, 1, 1), 1, "<script>x</script>")], chart_id="c", title="<b>", desc="&")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg and "&amp;" in svg


def test_percent_axis_stays_within_bounds():
    svg = line_chart(points(0, 100), chart_id="c", title="t", desc="d", bounds=(0, 100))
    ticks = [t.split(">")[1].split("<")[0] for t in svg.split('<text class="chart-tick"')[1:6]]
    assert ticks[0] == "0" and ticks[-1] == "100"


def test_target_band_is_shaded():
    assert 'class="chart-band"' in line_chart(points(100, 170), chart_id="c", title="t", desc="d", band=(125, 155))


def test_funnel_draws_a_bar_per_stage_and_highlights_the_weakest():
    svg = funnel_chart([Stage("Applied", 5), Stage("Exam", 2, highlight=True), Stage("Offer", 0)],
                       chart_id="f", title="Funnel", desc="d")
    assert svg.count('class="funnel-bar') == 3
    assert svg.count("funnel-bar-weak") == 1
    assert "<title>Exam: 2 reached</title>" in svg
