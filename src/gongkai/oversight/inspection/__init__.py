"""网站检查: the registered checks, the crawl of the site's own pages, the runner and the scoring."""
