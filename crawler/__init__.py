"""The Scrapy project that collects reports (spiders per source kind).

It writes what it fetched under data/raw/ and imports nothing from kb/.
The spiders arrive with the crawler issue; until then reports enter through
`kb import`.
"""
