{#-
    The values of `expression` in a group as a list (array), optionally distinct and
    ordered: DuckDB's `list`, the standard `array_agg` elsewhere, Spark's
    `collect_list` / `collect_set` (sorted when an order is asked for).
-#}
{% macro list_agg(expression, order_by=none, distinct=false) -%}
    {{ return(adapter.dispatch('list_agg', 'gaoxin')(expression, order_by, distinct)) }}
{%- endmacro %}

{% macro duckdb__list_agg(expression, order_by, distinct) -%}
    list({{ "distinct " if distinct }}{{ expression }}{{ " order by " ~ order_by if order_by }})
{%- endmacro %}

{% macro default__list_agg(expression, order_by, distinct) -%}
    array_agg({{ "distinct " if distinct }}{{ expression }}{{ " order by " ~ order_by if order_by }})
{%- endmacro %}

{# Spark cannot order inside an aggregate: sort the collected values (by value) #}
{% macro spark__list_agg(expression, order_by, distinct) -%}
    {%- set collected = ("collect_set(" if distinct else "collect_list(") ~ expression ~ ")" -%}
    {{ "array_sort(" ~ collected ~ ")" if order_by else collected }}
{%- endmacro %}
