"""gaoxin loaders: news pages in, raw DuckDB tables out (the dbt project does the rest)."""
