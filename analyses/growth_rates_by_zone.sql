-- Change rates (同比增长 ...) reported about each zone, one reconciled figure per
-- metric and period, with the sentence of the statement the value was taken from.
with

reconciled as (

    select * from {{ ref('agg_reconciled_metric') }}

),

final as (

    select
        subject_name as park_name,
        metric_code,
        period_label,
        period_start,
        period_end,
        agreed_value as growth_rate,
        unit,
        statement_count,
        is_conflict,
        latest_published_on,
        latest_evidence
    from reconciled
    where
        subject_type = 'park'
        and is_growth

)

select * from final
order by park_name asc, metric_code asc, period_end desc nulls last
