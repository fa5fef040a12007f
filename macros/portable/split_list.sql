{#-
    A delimited string as a list of its parts (`a|b` -> ['a', 'b']), splitting on
    the literal `delimiter`: DuckDB's `string_split`, `split` elsewhere (Trino,
    Presto), Spark's `split` with the delimiter escaped (Spark splits on a regex).
-#}
{% macro split_list(text, delimiter) -%}
    {{ return(adapter.dispatch('split_list', 'gaoxin')(text, delimiter)) }}
{%- endmacro %}

{% macro duckdb__split_list(text, delimiter) -%}
    string_split({{ text }}, '{{ delimiter }}')
{%- endmacro %}

{% macro default__split_list(text, delimiter) -%}
    split({{ text }}, '{{ delimiter }}')
{%- endmacro %}

{% macro spark__split_list(text, delimiter) -%}
    split({{ text }}, '{{ modules.re.escape(delimiter) | replace("\\", "\\\\") }}')
{%- endmacro %}
