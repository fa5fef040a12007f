{#-
    One zone's figures over time, each with the sentence it was read from. The zone
    is the one with the most statements about it (`dim_park.metric_statement_count`,
    ties: by name); edit `chosen_zone` to look at another. The statements about a
    zone are the reconciled statements whose subject is the zone, which
    `rpt_figure_agreement` stores together: the query reads that zone's row groups.
-#}
with

statements as (

    select * from {{ ref('rpt_figure_agreement') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

chosen_zone as (

    select
        park_id,
        park_name
    from parks
    order by metric_statement_count desc, park_name asc
    limit 1

),

final as (

    select
        chosen_zone.park_name,
        statements.metric_code,
        statements.metric_raw,
        statements.value,
        statements.unit,
        statements.qualifier,
        statements.is_growth,
        statements.period_label,
        statements.period_start,
        statements.period_end,
        statements.published_on,
        statements.raw_text,
        statements.evidence,
        statements.metric_fact_id
    from statements
    inner join chosen_zone
        on statements.subject_key = chosen_zone.park_id
    where statements.subject_type = 'park'

)

select * from final
order by
    coalesce(period_end, published_on) asc nulls last,
    metric_code asc,
    is_growth asc,
    metric_fact_id asc
