"""The English currency vocabulary (confl10n.quantities.words)."""

from __future__ import annotations

from confl10n.quantities.words import currency_signs


def test_the_signs_of_a_currency_keep_their_letters() -> None:
    assert currency_signs("USD") == {"$", "us$"}
    assert currency_signs("AUD") == {"a$", "au$"}
    assert currency_signs("HKD") == {"hk$"}
    assert currency_signs("INR") == {"₹"}  # "Rs" is a word, not a sign
