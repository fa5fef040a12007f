{#-
    A metric phrase as written, normalised for grouping statements about the same figure:
    white space and words that do not change what is measured (该企业, 累计, 已, 共, 实现, 达到) removed.
-#}
{% macro metric_key(column) -%}
    {{ regexp_replace_all(
        "coalesce(" ~ column ~ ", '')",
        "'\\s+|该企业|该公司|该区|该高新区|该园区|累计|已经|已|共有|共|实现了|实现|达到'",
        "''"
    ) }}
{%- endmacro %}
