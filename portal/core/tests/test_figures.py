import datetime as dt

from portal.core import figures
from portal.core.figures import Figure, FigureSection, figure_sections, register_figures


def test_sections_come_in_registered_order_for_the_period_asked(monkeypatch):
    monkeypatch.setattr(figures, "_providers", {})
    asked = []

    def provider(key, order):
        def give(*, start, end, agency):
            asked.append((key, start, end, agency))
            return FigureSection(key=key, title=key.title(), figures=(Figure(label="n", value=order),))

        register_figures(key, give, order=order)

    provider("royalties", 40)
    provider("qa", 30)
    provider("qa", 30)  # registering again replaces, never counts twice

    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    sections = figure_sections(start=start, end=end)

    assert [section.key for section in sections] == ["qa", "royalties"]
    assert asked == [("qa", start, end, None), ("royalties", start, end, None)]  # None: the installation's
    asked.clear()
    figure_sections(start=start, end=end, agency="the plan's agency")
    assert asked == [("qa", start, end, "the plan's agency"), ("royalties", start, end, "the plan's agency")]
