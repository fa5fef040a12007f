{#-
    One row per day from `start_column` to `end_column` (both included) of each row
    of `relation`, as column `date_day`: DuckDB's `generate_series`, the standard
    `unnest(sequence(...))` elsewhere (Trino, Presto), Spark's `explode(sequence(...))`.
-#}
{% macro date_spine(start_column, end_column, relation) -%}
    {{ return(adapter.dispatch('date_spine', 'gaoxin')(start_column, end_column, relation)) }}
{%- endmacro %}

{% macro duckdb__date_spine(start_column, end_column, relation) -%}
    select cast(unnest(generate_series({{ start_column }}, {{ end_column }}, interval 1 day)) as date)
        as date_day
    from {{ relation }}
{%- endmacro %}

{% macro default__date_spine(start_column, end_column, relation) -%}
    select days.date_day
    from {{ relation }}
    cross join unnest(sequence({{ start_column }}, {{ end_column }}, interval '1' day)) as days (date_day)
{%- endmacro %}

{% macro spark__date_spine(start_column, end_column, relation) -%}
    select explode(sequence({{ start_column }}, {{ end_column }}, interval 1 day)) as date_day
    from {{ relation }}
{%- endmacro %}
