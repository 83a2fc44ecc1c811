"""Writing figures and labels for a locale: babel/CLDR formatting, newsroom styles and
the label catalogs."""
