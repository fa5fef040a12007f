{#-
    The text with surrounding whitespace removed (Unicode separators such as the
    ideographic space U+3000 included), or null when nothing is left.
-#}
{% macro blank_as_null(column_name) -%}
    nullif({{ regexp_replace_all(column_name, "'^[\\s\\p{Z}]+|[\\s\\p{Z}]+$'", "''") }}, '')
{%- endmacro %}
