"""Helpers every stage shares and no user calls: atomic files, ffmpeg, FFTs, memory
hand-back, built-in resources and the template loader."""
