{#-
    One query for all of a model's row-level checks, for incremental builds.

    A row-level test (not_null, accepted_range, expression_is_true, ...: the names in
    the project var `row_rule_tests`) fails for the rows one predicate over the row
    picks. Run one by one, a model's twenty such tests cost twenty dbt nodes, and
    dbt's own work per node (compiling, events, a transaction) costs more than the
    query on a page's worth of new rows. `row_rules` asks the same predicates of the
    model in one query: a row fails if any of them picks it, and `failed_rules` names
    the tests it fails.

    Which tests it covers: every test attached to the model whose generic test is in
    `row_rule_tests` and that fails the build (severity error); a test's `where`
    config is kept (`__landed_since_last_build__` included). `gaoxin build` runs the
    `row_rules` tests instead of the tests they cover (the same selection, made by
    loaders/dbt_child.py from the same var); `gaoxin build --full-refresh` and a plain
    `dbt build` run every test on its own, so each failure is named by its test.
-#}
{% test row_rules(model) %}

{%- set checks = row_rule_checks(model) %}

select
    concat_ws(
        ', '
        {%- for check in checks %},
        case when {{ check.violation }} then '{{ check.name }}' end
        {%- endfor %}
    ) as failed_rules,
    *
from {{ model }}
where
    false
    {%- for check in checks %}
    or ({{ check.violation }})
    {%- endfor %}

{% endtest %}

{#- The tests `row_rules` covers on `model`: [{name, violation}] (empty while parsing). -#}
{% macro row_rule_checks(model) -%}
    {%- set checks = [] -%}
    {%- if execute -%}
        {%- set owner = row_rules_model_node(model) -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'test'
            and node.attached_node == owner.unique_id
            and (node.test_metadata or {}).get('name') in var('row_rule_tests')
            and (node.config.severity | lower) == 'error' -%}
            {%- set violation = row_rule_violation(node.test_metadata.name, node.test_metadata.kwargs) -%}
            {%- if node.config.where -%}
                {%- set violation = '((' ~ landed_where(node.config.where) ~ ') and ' ~ violation ~ ')' -%}
            {%- endif -%}
            {%- do checks.append({'name': node.name, 'violation': violation}) -%}
        {%- endfor -%}
        {%- if not checks -%}
            {{ exceptions.raise_compiler_error("row_rules on " ~ owner.name ~ ": the model has no row-level tests to combine") }}
        {%- endif -%}
    {%- endif -%}
    {{ return(checks) }}
{%- endmacro %}

{#- The model (or seed) node whose relation a generic test was given. -#}
{% macro row_rules_model_node(model) -%}
    {%- for node in graph.nodes.values() if node.resource_type in ('model', 'seed')
        and node.schema == model.schema and node.alias == model.identifier -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ exceptions.raise_compiler_error("row_rules: no model builds " ~ model) }}
{%- endmacro %}

{#- The failing-row predicate of generic test `name` with the arguments it was given. -#}
{% macro row_rule_violation(name, kwargs) -%}
    {%- set predicate = context.get(name ~ '_violation') -%}
    {%- if predicate is none -%}
        {{ exceptions.raise_compiler_error("row_rule_tests lists " ~ name ~ ", which has no macro " ~ name ~ "_violation") }}
    {%- endif -%}
    {%- set arguments = {} -%}
    {%- for key, value in kwargs.items() if key != 'model' -%}
        {%- do arguments.update({key: value}) -%}
    {%- endfor -%}
    ({{ predicate(**arguments) }})
{%- endmacro %}

{#- dbt's built-in not_null and accepted_values, as predicates (their tests stay dbt's). -#}
{% macro not_null_violation(column_name) -%}
    {{ column_name }} is null
{%- endmacro %}

{% macro accepted_values_violation(column_name, values, quote=true) -%}
    {{ column_name }} not in (
        {%- for value in values -%}
            {%- if quote %}'{{ value | string | replace("'", "''") }}'{% else %}{{ value }}{% endif -%}
            {{- ', ' if not loop.last -}}
        {%- endfor -%}
    )
{%- endmacro %}
