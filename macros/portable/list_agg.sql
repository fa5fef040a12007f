{#-
    The values of `expression` in a group as a list (array), optionally distinct,
    ordered and filtered: DuckDB's `list`, the standard `array_agg` elsewhere, Spark's
    `collect_list` / `collect_set` (sorted when an order is asked for). `where` keeps
    only the rows it holds for (the standard `filter (where ...)`); a group where it
    holds for none gives null, as every aggregate over no rows does.
-#}
{% macro list_agg(expression, order_by=none, distinct=false, where=none) -%}
    {{ return(adapter.dispatch('list_agg', 'gaoxin')(expression, order_by, distinct, where)) }}
{%- endmacro %}

{% macro duckdb__list_agg(expression, order_by, distinct, where) -%}
    list({{ "distinct " if distinct }}{{ expression }}{{ " order by " ~ order_by if order_by }})
    {{- " filter (where " ~ where ~ ")" if where }}
{%- endmacro %}

{% macro default__list_agg(expression, order_by, distinct, where) -%}
    array_agg({{ "distinct " if distinct }}{{ expression }}{{ " order by " ~ order_by if order_by }})
    {{- " filter (where " ~ where ~ ")" if where }}
{%- endmacro %}

{# Spark cannot order inside an aggregate: sort the collected values (by value); collect_* skip nulls #}
{% macro spark__list_agg(expression, order_by, distinct, where) -%}
    {%- set value = "case when " ~ where ~ " then " ~ expression ~ " end" if where else expression -%}
    {%- set collected = ("collect_set(" if distinct else "collect_list(") ~ value ~ ")" -%}
    {{ "array_sort(" ~ collected ~ ")" if order_by else collected }}
{%- endmacro %}
