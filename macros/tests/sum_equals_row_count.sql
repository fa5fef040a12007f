{#-
    Fails (one row) when the sum of `column_name` over the model differs from the
    number of rows of `to` that satisfy `to_condition` (all rows when omitted); an
    empty model sums to 0. Used to check that an aggregate covers every row it
    should, e.g. that `statement_count` adds up to the statements it reconciles.
-#}
{% test sum_equals_row_count(model, column_name, to, to_condition='true') %}

with
model_total as (

    select coalesce(sum({{ column_name }}), 0) as summed
    from {{ model }}

),

source_total as (

    select count(*) as counted
    from {{ to }}
    where {{ to_condition }}

),

failures as (

    select
        model_total.summed,
        source_total.counted
    from model_total
    cross join source_total
    where model_total.summed != source_total.counted

)

select * from failures

{% endtest %}
