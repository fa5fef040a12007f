-- What each zone reports: statements about the zone per metric category, and which metrics.
with

statements as (

    select * from {{ ref('fact_metric') }}

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
        count(*) as statement_count,
        count(*) filter (where statements.is_growth) as growth_statement_count,
        count(distinct statements.metric_id) as metric_count,
        {{ list_agg('metrics.metric_code', order_by='metrics.metric_code', distinct=true) }}
            as metric_codes
    from statements
    inner join metrics
        on statements.metric_id = metrics.metric_id
    inner join parks
        on statements.park_id = parks.park_id
    where statements.subject_type = 'park'
    group by
        parks.park_name,
        metrics.category

)

select * from final
order by park_name asc, statement_count desc, category asc
