{#-
    One row per company (per company_key): the longest name seen, the other forms it
    is written in, the zone its mentions place it in most often, and when it appears.
-#}
with

company_mentions as (

    select * from {{ ref('int_company_mentions_resolved') }}

),

articles as (

    select * from {{ ref('stg_articles') }}

),

pages as (

    select * from {{ ref('stg_pages') }}

),

article_dates as (

    select
        articles.article_id,
        pages.published_on
    from articles
    left join pages
        on articles.page_id = pages.page_id

),

mentions as (

    select
        company_mentions.*,
        article_dates.published_on
    from company_mentions
    left join article_dates
        on company_mentions.article_id = article_dates.article_id

),

company_names as (

    select distinct
        company_id,
        company_name
    from mentions

),

longest_names as (

    select
        company_id,
        company_name,
        row_number() over (
            partition by company_id
            order by length(company_name) desc, company_name asc
        ) as name_rank
    from company_names

),

company_parks as (

    select
        company_id,
        park_id,
        row_number() over (
            partition by company_id
            order by count(*) desc, park_id asc
        ) as park_rank
    from mentions
    where park_id is not null
    group by company_id, park_id

),

companies as (

    select
        mentions.company_id,
        mentions.company_key,
        count(distinct mentions.article_id) as article_count,
        count(*) as mention_count,
        min(mentions.published_on) as first_seen_on,
        max(mentions.published_on) as last_seen_on
    from mentions
    group by mentions.company_id, mentions.company_key

),

aliases as (

    select
        mentions.company_id,
        {{ list_agg(
            'mentions.mention_text', order_by='mentions.mention_text', distinct=true
        ) }} as aliases
    from mentions
    inner join longest_names
        on
            mentions.company_id = longest_names.company_id
            and longest_names.name_rank = 1
    where mentions.mention_text != longest_names.company_name
    group by mentions.company_id

),

final as (

    select
        companies.company_id,
        longest_names.company_name,
        coalesce(aliases.aliases, cast([] as varchar[])) as aliases,
        company_parks.park_id,
        cast(companies.article_count as integer) as article_count,
        companies.first_seen_on,
        companies.company_key,
        cast(companies.mention_count as integer) as mention_count,
        companies.last_seen_on
    from companies
    inner join longest_names
        on
            companies.company_id = longest_names.company_id
            and longest_names.name_rank = 1
    left join company_parks
        on
            companies.company_id = company_parks.company_id
            and company_parks.park_rank = 1
    left join aliases
        on companies.company_id = aliases.company_id

)

select * from final
