{#-
    Every company mention, resolved to the company it names and the zone the text
    places it in.

    - core and region: the company name without a trailing legal form (`股份有限公司`,
      `有限责任公司`, `有限公司`, `股份公司`) and without a leading province (`浙江`,
      `贵州省`) and city (`长治市`, `遂宁`) is its core; the region is the short form
      of the place removed (the city when there is one, else the province). A place is
      only removed when at least two characters remain.
    - company_key: the core alone when it is distinctive (four characters or more and
      not opening with a generic industry word), so `长治市卓怡恒通信息安全有限公司` and
      `卓怡恒通信息安全有限公司` are one company; else region + core, so generic cores
      of different places stay apart (`湘潭市数字经济产业有限责任公司` ->
      `湘潭数字经济产业`, `湖南移动` -> `湖南移动`). A name without a region and with
      a generic core joins a name with one only when exactly one region is seen with
      that core; else its key is the core. company_id is the first 16 hex digits of
      the md5 of the key.
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

    select
        province as place_name,
        province_short as region
    from admin_divisions
    union
    select
        province_short as place_name,
        province_short as region
    from admin_divisions

),

city_names as (

    select
        city as place_name,
        city_short as region
    from admin_divisions
    union
    select
        city_short as place_name,
        city_short as region
    from admin_divisions

),

-- words a core opens with when it names a trade, not a firm (`数字经济产业`, `科技发展`)
generic_words as (

    select unnest([
        '数字', '数据', '大数据', '数智', '科技', '科创', '高新', '创新', '信息', '智能', '智慧',
        '电子', '网络', '软件', '通信', '通讯', '移动', '电信', '联通', '广电', '互联网',
        '能源', '新能源', '电力', '水务', '燃气', '热力', '交通', '城市', '城建', '城投',
        '国投', '国资', '建设', '建工', '发展', '投资', '产投', '控股', '实业', '产业',
        '经济', '工业', '金融', '资产', '文化', '旅游', '文旅', '传媒', '医药', '生物',
        '健康', '医疗', '化工', '材料', '新材料', '环保', '环境', '物流', '供应链', '商贸',
        '贸易', '农业', '食品', '制造', '智造', '机械', '汽车', '航空', '人才', '教育',
        '服务', '管理', '运营', '开发', '集团'
    ]) as generic_word

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
        province_names.region,
        row_number() over (
            partition by company_names.company_name
            order by length(province_names.place_name) desc, province_names.region
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
        province_prefixes.region as province_region,
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
        city_names.region,
        row_number() over (
            partition by without_province.company_name
            order by length(city_names.place_name) desc, city_names.region
        ) as prefix_rank
    from without_province
    inner join city_names
        on
            starts_with(without_province.name_core, city_names.place_name)
            and length(without_province.name_core) - length(city_names.place_name) >= 2

),

cores as (

    select
        without_province.company_name,
        coalesce(city_prefixes.region, without_province.province_region) as region,
        substr(
            without_province.name_core,
            coalesce(length(city_prefixes.place_name), 0) + 1
        ) as core
    from without_province
    left join city_prefixes
        on
            without_province.company_name = city_prefixes.company_name
            and city_prefixes.prefix_rank = 1

),

generic_cores as (

    select distinct cores.core
    from cores
    inner join generic_words
        on starts_with(cores.core, generic_words.generic_word)

),

classified as (

    select
        cores.company_name,
        cores.region,
        cores.core,
        length(cores.core) < 4 or generic_cores.core is not null as is_generic
    from cores
    left join generic_cores
        on cores.core = generic_cores.core

),

-- generic cores seen with exactly one region: a name without a region joins it
single_region_cores as (

    select
        core,
        min(region) as region
    from classified
    where is_generic and region is not null
    group by core
    having count(distinct region) = 1

),

company_keys as (

    select
        classified.company_name,
        case
            when not classified.is_generic then classified.core
            when classified.region is not null then classified.region || classified.core
            when single_region_cores.region is not null
                then single_region_cores.region || classified.core
            else classified.core
        end as company_key
    from classified
    left join single_region_cores
        on classified.core = single_region_cores.core

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
        {{ short_id('company_keys.company_key') }} as company_id,
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
