{#-
    The company each company name stands for in each article: one row per article and
    name, where a name is the `company_name` of the article's company mentions (the
    form facts carry) or, failing that, a mention's text as written (`卓怡恒通公司`).

    - company_id: the company most mentions under that name resolve to; a
      `company_name` match wins over a mention-text match (ties: the smaller id).
    - park_id: the zone the article places that company in (its mentions' most
      frequent zone in the article), null when none.
-#}
with

company_mentions as (

    select * from {{ ref('int_company_mentions_resolved') }}

),

named_forms as (

    select
        article_id,
        company_name as name_in_article,
        company_id,
        1 as form_rank
    from company_mentions

    union all

    select
        article_id,
        mention_text as name_in_article,
        company_id,
        2 as form_rank
    from company_mentions

),

name_companies as (

    select
        article_id,
        name_in_article,
        company_id,
        row_number() over (
            partition by article_id, name_in_article
            order by min(form_rank) asc, count(*) desc, company_id asc
        ) as company_rank
    from named_forms
    group by article_id, name_in_article, company_id

),

company_zones as (

    select
        article_id,
        company_id,
        park_id,
        row_number() over (
            partition by article_id, company_id
            order by count(*) desc, park_id asc
        ) as zone_rank
    from company_mentions
    where park_id is not null
    group by article_id, company_id, park_id

),

final as (

    select
        name_companies.article_id,
        name_companies.name_in_article,
        name_companies.company_id,
        company_zones.park_id
    from name_companies
    left join company_zones
        on
            name_companies.article_id = company_zones.article_id
            and name_companies.company_id = company_zones.company_id
            and company_zones.zone_rank = 1
    where name_companies.company_rank = 1

)

select * from final
