{#-
    One row per zone, with everything dim_park shows.

    - Names: a gazetteer zone by the most complete short form its articles write
      (`长春汽车经济技术开发区` and `长春汽开区` -> `长春汽车经开区`; `广州开发区` stays), any other
      zone by the canonical short name the loaders give it; a gazetteer zone also has its
      official name, type and level from the gazetteer, and `on_national_list` when its
      level is national.
    - Place: a gazetteer zone's province and city come from the gazetteer. Otherwise the
      longest place name the zone's name opens with (`int_place_names`) gives them
      (after a province, a city of that province may follow: `浙江杭州…`). A zone
      still without a city takes the city of the main zone of the articles that
      mention it (the most-mentioned zone with a known city in the article), when
      that zone lies in the same province (or the province is unknown too).
    - Counts and dates come from all its mentions, references included; aliases
      only from the mentions that name it.
-#}
with

park_mentions as (

    select * from {{ ref('int_park_mentions_resolved') }}

),

gazetteer as (

    select * from {{ ref('int_zone_gazetteer') }}

),

place_names as (

    select * from {{ ref('int_place_names') }}

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

zone_mentions as (

    select
        park_mentions.*,
        article_dates.published_on
    from park_mentions
    left join article_dates
        on park_mentions.article_id = article_dates.article_id

),

zones as (

    select
        park_id,
        park_key,
        -- constant within a key: a key is the list zone, or the type and the name
        min(zone_key) as zone_key,
        min(park_name) as extracted_name,
        min(park_type) as extracted_type,
        bool_or(says_national) as says_national,
        coalesce(
            {{ list_agg(
                'mention_text', order_by='mention_text', distinct=true, where='not is_reference'
            ) }},
            cast([] as varchar[])
        ) as aliases,
        count(distinct article_id) as article_count,
        count(*) as mention_count,
        min(published_on) as first_seen_on,
        max(published_on) as last_seen_on
    from zone_mentions
    group by park_id, park_key

),

-- the forms a gazetteer zone is written with, in short (`长春汽车经开区`, `长春汽开区`)
written_forms as (

    select
        park_id,
        zone_form,
        count(*) as uses
    from zone_mentions
    where zone_form is not null
    group by park_id, zone_form

),

-- the most complete of them names the zone: the longest, then the most used
fullest_forms as (

    select
        park_id,
        zone_form,
        row_number() over (
            partition by park_id
            order by length(zone_form) desc, uses desc, zone_form asc
        ) as form_rank
    from written_forms

),

named as (

    select
        zones.*,
        coalesce(gazetteer.park_level = 'national', false) as on_national_list,
        gazetteer.park_level as list_level,
        coalesce(fullest_forms.zone_form, zones.extracted_name) as park_name,
        gazetteer.name_full as park_full_name,
        coalesce(gazetteer.park_type, zones.extracted_type) as park_type,
        gazetteer.province_short as list_province,
        gazetteer.city_short as list_city
    from zones
    left join gazetteer
        on zones.zone_key = gazetteer.name_full
    left join fullest_forms
        on
            zones.park_id = fullest_forms.park_id
            and fullest_forms.form_rank = 1

),

-- the longest place name a zone's name opens with
name_places as (

    select
        named.park_id,
        place_names.place_name,
        place_names.province_short,
        place_names.city_short,
        row_number() over (
            partition by named.park_id
            order by length(place_names.place_name) desc, place_names.place_name
        ) as place_rank
    from named
    inner join place_names
        on
            starts_with(named.park_name, place_names.place_name)
            and length(place_names.place_name) < length(named.park_name)
    where named.park_full_name is null or named.list_city is null

),

-- `浙江杭州…`: a city of the province right after it
cities_after_province as (

    select
        name_places.park_id,
        place_names.city_short,
        row_number() over (
            partition by name_places.park_id
            order by length(place_names.place_name) desc, place_names.place_name
        ) as place_rank
    from name_places
    inner join named
        on name_places.park_id = named.park_id
    inner join place_names
        on
            starts_with(
                substr(named.park_name, length(name_places.place_name) + 1),
                place_names.place_name
            )
            and name_places.province_short = place_names.province_short
    where
        name_places.place_rank = 1
        and name_places.city_short is null
        and place_names.city_short is not null

),

located as (

    select
        named.park_id,
        coalesce(named.list_province, name_places.province_short) as province,
        coalesce(
            named.list_city,
            name_places.city_short,
            cities_after_province.city_short
        ) as city
    from named
    left join name_places
        on
            named.park_id = name_places.park_id
            and name_places.place_rank = 1
    left join cities_after_province
        on
            named.park_id = cities_after_province.park_id
            and cities_after_province.place_rank = 1

),

-- each article's main zone: its most-mentioned zone with a known city
article_zones as (

    select
        park_mentions.article_id,
        park_mentions.park_id,
        count(*) as mention_count,
        min(park_mentions.char_start) as first_at
    from park_mentions
    group by park_mentions.article_id, park_mentions.park_id

),

article_main_zones as (

    select
        article_zones.article_id,
        article_zones.park_id as main_park_id,
        located.province,
        located.city,
        row_number() over (
            partition by article_zones.article_id
            order by
                article_zones.mention_count desc,
                article_zones.first_at asc,
                article_zones.park_id asc
        ) as zone_rank
    from article_zones
    inner join located
        on article_zones.park_id = located.park_id
    where located.city is not null

),

places_from_articles as (

    select
        located.park_id,
        article_main_zones.province,
        article_main_zones.city,
        row_number() over (
            partition by located.park_id
            order by
                count(*) desc,
                article_main_zones.province asc,
                article_main_zones.city asc
        ) as place_rank
    from located
    inner join article_zones
        on located.park_id = article_zones.park_id
    inner join article_main_zones
        on
            article_zones.article_id = article_main_zones.article_id
            and article_main_zones.zone_rank = 1
            and located.park_id != article_main_zones.main_park_id
    where
        located.city is null
        and (located.province is null or located.province = article_main_zones.province)
    group by located.park_id, article_main_zones.province, article_main_zones.city

),

final as (

    select
        named.park_id,
        named.park_name,
        named.park_full_name,
        named.park_type,
        case
            when named.list_level is not null then named.list_level
            when named.says_national then 'national'
            else 'unknown'
        end as park_level,
        coalesce(located.province, places_from_articles.province) as province,
        coalesce(located.city, places_from_articles.city) as city,
        named.aliases,
        named.on_national_list,
        cast(named.article_count as integer) as article_count,
        named.first_seen_on,
        named.last_seen_on,
        named.park_key,
        cast(named.mention_count as integer) as mention_count
    from named
    inner join located
        on named.park_id = located.park_id
    left join places_from_articles
        on
            named.park_id = places_from_articles.park_id
            and places_from_articles.place_rank = 1

)

select * from final
