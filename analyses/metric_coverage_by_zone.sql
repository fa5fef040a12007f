-- What each zone reports: statements about the zone per metric category, and which metrics.
-- Counted from the reconciled figures (each knows how many statements back it), which hold
-- every statement about a resolved zone once: a fifth of the rows of fact_metric to read.
with

figures as (

    select * from {{ ref('agg_reconciled_metric') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

final as (

    select
        parks.park_name,
        metrics.category,
        cast(sum(figures.statement_count) as bigint) as statement_count,
        cast(
            coalesce(sum(case when figures.is_growth then figures.statement_count end), 0) as bigint
        ) as growth_statement_count,
        count(distinct figures.metric_id) as metric_count,
        {{ list_agg('metrics.metric_code', order_by='metrics.metric_code', distinct=true) }}
            as metric_codes
    from figures
    inner join metrics
        on figures.metric_id = metrics.metric_id
    inner join parks
        on figures.park_id = parks.park_id
    where figures.subject_type = 'park'
    group by
        parks.park_name,
        metrics.category

)

select * from final
order by park_name asc, statement_count desc, category asc
