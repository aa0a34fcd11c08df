"""Assemble: lay the clips out with pauses (``plan``), bring the episode to its loudness
target (``loudness``), encode it to MP3 (``encode``) and tag it (``tags``)."""
