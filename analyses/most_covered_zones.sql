-- Zones by press coverage: articles and mentions, and how many facts the articles give about them.
with

parks as (

    select * from {{ ref('dim_park') }}

),

statements as (

    select * from {{ ref('fact_metric') }}

),

projects as (

    select * from {{ ref('fact_project') }}

),

statement_counts as (

    select
        park_id,
        count(*) as metric_statement_count
    from statements
    where park_id is not null
    group by park_id

),

project_counts as (

    select
        park_id,
        count(distinct project_name) as project_count
    from projects
    where park_id is not null
    group by park_id

),

final as (

    select
        parks.park_name,
        parks.park_type,
        parks.park_level,
        parks.province,
        parks.article_count,
        parks.mention_count,
        coalesce(statement_counts.metric_statement_count, 0) as metric_statement_count,
        coalesce(project_counts.project_count, 0) as project_count,
        parks.first_seen_on,
        parks.last_seen_on
    from parks
    left join statement_counts
        on parks.park_id = statement_counts.park_id
    left join project_counts
        on parks.park_id = project_counts.park_id

)

select * from final
order by article_count desc, mention_count desc, metric_statement_count desc, park_name asc
