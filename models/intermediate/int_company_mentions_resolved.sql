{#-
    Every company mention, resolved to the company it names and the zone the text
    places it in.

    - company_key: the company name without a leading province (`浙江`, `贵州省`) and
      city (`长治市`, `遂宁`) and without a trailing legal form (`股份有限公司`,
      `有限责任公司`, `有限公司`, `股份公司`), so `长治市卓怡恒通信息安全有限公司` and
      `卓怡恒通信息安全有限公司` are one company. A place is only removed when at
      least two characters remain. company_id is the first 16 hex digits of its md5.
    - park_id: the zone of the same article whose extracted name the mention carries.
-#}
with

company_mentions as (

    select * from {{ ref('stg_company_mentions') }}

),

park_mentions as (

    select * from {{ ref('int_park_mentions_resolved') }}

),

admin_divisions as (

    select * from {{ ref('admin_divisions') }}

),

province_names as (

    select province as place_name from admin_divisions
    union
    select province_short as place_name from admin_divisions

),

city_names as (

    select city as place_name from admin_divisions
    union
    select city_short as place_name from admin_divisions

),

distinct_names as (

    select distinct company_name
    from company_mentions

),

company_names as (

    select
        company_name,
        regexp_replace(
            company_name,
            '(股份有限公司|有限责任公司|有限公司|股份公司)$',
            ''
        ) as name_core
    from distinct_names

),

province_prefixes as (

    select
        company_names.company_name,
        province_names.place_name,
        row_number() over (
            partition by company_names.company_name
            order by length(province_names.place_name) desc
        ) as prefix_rank
    from company_names
    inner join province_names
        on
            starts_with(company_names.name_core, province_names.place_name)
            and length(company_names.name_core) - length(province_names.place_name) >= 2

),

without_province as (

    select
        company_names.company_name,
        substr(
            company_names.name_core,
            coalesce(length(province_prefixes.place_name), 0) + 1
        ) as name_core
    from company_names
    left join province_prefixes
        on
            company_names.company_name = province_prefixes.company_name
            and province_prefixes.prefix_rank = 1

),

city_prefixes as (

    select
        without_province.company_name,
        city_names.place_name,
        row_number() over (
            partition by without_province.company_name
            order by length(city_names.place_name) desc
        ) as prefix_rank
    from without_province
    inner join city_names
        on
            starts_with(without_province.name_core, city_names.place_name)
            and length(without_province.name_core) - length(city_names.place_name) >= 2

),

company_keys as (

    select
        without_province.company_name,
        substr(
            without_province.name_core,
            coalesce(length(city_prefixes.place_name), 0) + 1
        ) as company_key
    from without_province
    left join city_prefixes
        on
            without_province.company_name = city_prefixes.company_name
            and city_prefixes.prefix_rank = 1

),

-- the zone each extracted zone name stands for in each article
article_parks as (

    select
        article_id,
        park_name,
        park_id,
        row_number() over (
            partition by article_id, park_name
            order by count(*) desc, park_id
        ) as park_rank
    from park_mentions
    group by article_id, park_name, park_id

),

final as (

    select
        substr(md5(company_keys.company_key), 1, 16) as company_id,
        company_keys.company_key,
        company_mentions.page_id,
        company_mentions.article_id,
        company_mentions.char_start,
        company_mentions.char_end,
        company_mentions.mention_text,
        company_mentions.company_name,
        company_mentions.mention_kind,
        company_mentions.park_name,
        article_parks.park_id
    from company_mentions
    inner join company_keys
        on company_mentions.company_name = company_keys.company_name
    left join article_parks
        on
            company_mentions.article_id = article_parks.article_id
            and company_mentions.park_name = article_parks.park_name
            and article_parks.park_rank = 1

)

select * from final
