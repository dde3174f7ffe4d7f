"""The register's pages: `register` (the parties), `contracts` (contracts and purchases)
and `decisions` (ending contracts, exclusions). suppliers/urls.py imports the modules."""
