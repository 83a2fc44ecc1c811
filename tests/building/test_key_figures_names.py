"""A number inside a product name is no key figure (figures 2, item 3)."""

from __future__ import annotations

from confl10n.figures.keyfigures import key_figures
from confl10n.quantities.find import article_quantities
from confl10n.text.reader import parse_text


def test_a_product_number_is_no_key_figure() -> None:
    article = parse_text(
        "Apple launched the iPhone 15 Pro.\n\nIt sold 12,000 phones for $4-5 billion."
    )
    rows = [f.quantity.text for f in key_figures(article, article_quantities(article))]
    assert "15" not in rows
    assert "$4-5 billion" in rows
