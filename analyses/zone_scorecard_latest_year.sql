-- Each zone's scorecard for the latest year it appears in,
-- largest economies and most projects first.
with

scorecard as (

    select * from {{ ref('rpt_zone_scorecard') }}

),

ranked as (

    select
        *,
        row_number() over (partition by park_id order by year desc) as year_rank
    from scorecard

),

final as (

    select
        park_name,
        year,
        gdp,
        industrial_output,
        revenue,
        enterprise_count,
        high_tech_enterprise_count,
        metric_statement_count,
        project_count,
        total_investment_cny,
        article_count
    from ranked
    where year_rank = 1

)

select * from final
order by
    gdp desc nulls last,
    industrial_output desc nulls last,
    project_count desc,
    metric_statement_count desc,
    park_name asc
