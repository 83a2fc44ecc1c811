"""Reading an article: decoding, blocks, sentence segmentation, words."""
