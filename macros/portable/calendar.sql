{#-
    Date parts `dim_date` needs whose names differ between engines: the ISO day of
    the week (Monday = 1), the ISO week and its year, the day of the year, the
    English day name and the last day of the month.
-#}
{% macro iso_day_of_week(day) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'gaoxin')(day)) }}
{%- endmacro %}

{% macro duckdb__iso_day_of_week(day) -%} isodow({{ day }}) {%- endmacro %}

{% macro default__iso_day_of_week(day) -%} day_of_week({{ day }}) {%- endmacro %}

{% macro spark__iso_day_of_week(day) -%} (weekday({{ day }}) + 1) {%- endmacro %}

{% macro iso_week(day) -%}
    {{ return(adapter.dispatch('iso_week', 'gaoxin')(day)) }}
{%- endmacro %}

{% macro duckdb__iso_week(day) -%} week({{ day }}) {%- endmacro %}

{% macro default__iso_week(day) -%} week_of_year({{ day }}) {%- endmacro %}

{% macro spark__iso_week(day) -%} weekofyear({{ day }}) {%- endmacro %}

{% macro iso_year(day) -%}
    {{ return(adapter.dispatch('iso_year', 'gaoxin')(day)) }}
{%- endmacro %}

{# the year of the Thursday of the day's ISO week (sqlglot cannot carry `isoyear` over) #}
{% macro duckdb__iso_year(day) -%} year({{ day }} + (4 - isodow({{ day }})) * interval 1 day) {%- endmacro %}

{% macro default__iso_year(day) -%} year_of_week({{ day }}) {%- endmacro %}

{# Spark: the year of the Thursday of the day's ISO week #}
{% macro spark__iso_year(day) -%} year(date_add({{ day }}, 4 - (weekday({{ day }}) + 1))) {%- endmacro %}

{% macro day_of_year(day) -%}
    {{ return(adapter.dispatch('day_of_year', 'gaoxin')(day)) }}
{%- endmacro %}

{% macro duckdb__day_of_year(day) -%} dayofyear({{ day }}) {%- endmacro %}

{% macro default__day_of_year(day) -%} day_of_year({{ day }}) {%- endmacro %}

{% macro spark__day_of_year(day) -%} dayofyear({{ day }}) {%- endmacro %}

{% macro day_name(day) -%}
    {{ return(adapter.dispatch('day_name', 'gaoxin')(day)) }}
{%- endmacro %}

{% macro duckdb__day_name(day) -%} dayname({{ day }}) {%- endmacro %}

{% macro default__day_name(day) -%} format_datetime({{ day }}, 'EEEE') {%- endmacro %}

{% macro spark__day_name(day) -%} date_format({{ day }}, 'EEEE') {%- endmacro %}

{% macro month_end(day) -%}
    {{ return(adapter.dispatch('month_end', 'gaoxin')(day)) }}
{%- endmacro %}

{% macro duckdb__month_end(day) -%} last_day({{ day }}) {%- endmacro %}

{% macro default__month_end(day) -%} last_day_of_month({{ day }}) {%- endmacro %}

{% macro spark__month_end(day) -%} last_day({{ day }}) {%- endmacro %}
