"""sitegen: the static site generator behind the Mister Informatica website."""
