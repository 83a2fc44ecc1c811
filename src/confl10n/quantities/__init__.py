"""English figures in the source: numbers, money, dates, number words."""
