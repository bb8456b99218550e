"""`python -m pipeline.extractors.leaders build ...`: learn person -> (state, office) facts
from a corpus (see `pipeline.extractors.leaders.knowledge`)."""

from pipeline.extractors.leaders.knowledge import main

main()
