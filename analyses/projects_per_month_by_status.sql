{#-
    Project statements per month and status: the month of the event date when the
    article states one, else of the article's publication date; undated statements
    are left out.
-#}
with

projects as (

    select * from {{ ref('fact_project') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

calendar as (

    select * from {{ ref('dim_date') }}

),

dated_projects as (

    select
        projects.project_fact_id,
        projects.project_name,
        projects.status,
        projects.investment_cny,
        coalesce(projects.event_date, articles.published_on) as project_date,
        projects.event_date is not null as has_event_date
    from projects
    inner join articles
        on projects.article_id = articles.article_id

),

final as (

    select
        calendar.month_label,
        dated_projects.status,
        count(*) as project_statement_count,
        count(distinct dated_projects.project_name) as project_count,
        count(*) filter (where dated_projects.has_event_date) as with_event_date_count,
        sum(dated_projects.investment_cny) as investment_cny
    from dated_projects
    inner join calendar
        on dated_projects.project_date = calendar.date_day
    group by
        calendar.month_label,
        dated_projects.status

)

select * from final
order by month_label asc, status asc
