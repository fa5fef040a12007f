{#-
    A stable text key from content: the first 16 hex digits of the md5 of the parts,
    each cast to text and joined with '|' (nulls skipped). Every `*_id` the marts
    derive from content is built here, so all engines agree on it.
-#}
{% macro short_id(parts) -%}
    {{ return(adapter.dispatch('short_id', 'gaoxin')(parts)) }}
{%- endmacro %}

{% macro _short_id_text(parts) -%}
    {%- if parts is string -%}
        cast({{ parts }} as varchar)
    {%- elif parts | length == 1 -%}
        cast({{ parts[0] }} as varchar)
    {%- else -%}
        concat_ws(
            '|',
            {%- for part in parts %}
            cast({{ part }} as varchar){{ "," if not loop.last }}
            {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}

{% macro default__short_id(parts) -%}
    substr(md5({{ gaoxin._short_id_text(parts) }}), 1, 16)
{%- endmacro %}

{# Trino's md5 hashes varbinary and returns varbinary #}
{% macro trino__short_id(parts) -%}
    substr(lower(to_hex(md5(to_utf8({{ gaoxin._short_id_text(parts) }})))), 1, 16)
{%- endmacro %}
