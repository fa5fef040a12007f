{#-
    A calendar, one row per day, covering every date the warehouse uses: whole years
    from the earliest to the latest of the articles' publication dates, the metric
    periods, the project event dates and the zones' and companies' first and last
    seen dates. Empty when no date is known.
-#}
with

pages as (

    select * from {{ ref('stg_pages') }}

),

metric_statements as (

    select * from {{ ref('fact_metric') }}

),

project_statements as (

    select * from {{ ref('fact_project') }}

),

parks as (

    select * from {{ ref('int_parks') }}

),

companies as (

    select * from {{ ref('int_companies') }}

),

used_dates as (

    select published_on as used_date from pages
    union all
    select period_start as used_date from metric_statements
    union all
    select period_end as used_date from metric_statements
    union all
    select event_date as used_date from project_statements
    union all
    select first_seen_on as used_date from parks
    union all
    select last_seen_on as used_date from parks
    union all
    select first_seen_on as used_date from companies
    union all
    select last_seen_on as used_date from companies

),

date_bounds as (

    select
        cast(date_trunc('year', min(used_date)) as date) as first_day,
        cast(date_trunc('year', max(used_date)) + interval 1 year - interval 1 day as date)
            as last_day
    from used_dates
    where used_date is not null

),

known_bounds as (

    select
        first_day,
        last_day
    from date_bounds
    where first_day is not null

),

days as (

    {{ date_spine('first_day', 'last_day', 'known_bounds') }}

),

final as (

    select
        date_day,
        cast(year(date_day) as integer) as calendar_year,
        cast(quarter(date_day) as integer) as quarter_of_year,
        cast(month(date_day) as integer) as month_of_year,
        cast(day(date_day) as integer) as day_of_month,
        cast({{ iso_day_of_week('date_day') }} as integer) as day_of_week,
        cast({{ day_of_year('date_day') }} as integer) as day_of_year,
        cast({{ iso_year('date_day') }} as integer) as iso_year,
        cast({{ iso_week('date_day') }} as integer) as iso_week,
        cast(year(date_day) as varchar) || '-' || lpad(cast(month(date_day) as varchar), 2, '0')
            as month_label,
        cast(year(date_day) as varchar) || '-Q' || cast(quarter(date_day) as varchar)
            as quarter_label,
        cast(year(date_day) as varchar)
        || '-H'
        || case when month(date_day) <= 6 then '1' else '2' end as half_label,
        {{ day_name('date_day') }} as day_name,
        {{ iso_day_of_week('date_day') }} >= 6 as is_weekend,
        cast(date_trunc('month', date_day) as date) as month_start,
        cast({{ month_end('date_day') }} as date) as month_end,
        cast(date_trunc('quarter', date_day) as date) as quarter_start,
        cast(date_trunc('quarter', date_day) + interval 3 month - interval 1 day as date)
            as quarter_end

    from days

)

select * from final
