{#-
    Every name that can open a zone's name, with the province and city (short forms)
    it places the zone in: provinces (the province only; a municipality is its own
    city), prefecture-level cities, municipal districts, and the place parts of the
    gazetteer zones' names (`昆山` -> 苏州, `天津滨海` -> 天津). One row per name; a
    name shared by several places keeps the most general reading (city before
    zone core before district).
-#}
with

admin_divisions as (

    select * from {{ ref('admin_divisions') }}

),

gazetteer_zones as (

    select * from {{ ref('int_zone_gazetteer') }}

),

-- a municipality (北京, 上海, 天津, 重庆) is its own city
municipalities as (

    select distinct
        province,
        city_short
    from admin_divisions
    where city = province

),

provinces as (

    select distinct
        admin_divisions.province,
        admin_divisions.province_short,
        municipalities.city_short
    from admin_divisions
    left join municipalities
        on admin_divisions.province = municipalities.province

),

province_names as (

    select
        province as place_name,
        province_short,
        city_short,
        'province' as place_kind,
        0 as kind_rank
    from provinces

    union

    select
        province_short as place_name,
        province_short,
        city_short,
        'province' as place_kind,
        0 as kind_rank
    from provinces

),

city_names as (

    select
        city as place_name,
        province_short,
        city_short,
        'city' as place_kind,
        1 as kind_rank
    from admin_divisions

    union

    select
        city_short as place_name,
        province_short,
        city_short,
        'city' as place_kind,
        1 as kind_rank
    from admin_divisions

),

zone_cores as (

    select
        core_full as place_name,
        province_short,
        city_short,
        'zone_core' as place_kind,
        2 as kind_rank
    from gazetteer_zones
    where length(core_full) between 2 and 8

    union

    select
        core_short as place_name,
        province_short,
        city_short,
        'zone_core' as place_kind,
        2 as kind_rank
    from gazetteer_zones
    where length(core_short) between 2 and 8

),

district_names as (

    select
        district as place_name,
        province_short,
        city_short,
        'district' as place_kind,
        3 as kind_rank
    from admin_divisions
    where district is not null

    union

    select
        district_short as place_name,
        province_short,
        city_short,
        'district' as place_kind,
        3 as kind_rank
    from admin_divisions
    where district_short is not null

),

all_names as (

    select * from province_names
    union all
    select * from city_names
    union all
    select * from zone_cores
    union all
    select * from district_names

),

ranked as (

    select
        all_names.*,
        row_number() over (
            partition by all_names.place_name
            order by all_names.kind_rank, all_names.province_short, all_names.city_short
        ) as place_rank
    from all_names
    where
        length(all_names.place_name) >= 2
        -- a name that is a province's (`吉林`, `河北`区, `海南`州) reads as the province
        and (
            all_names.place_kind = 'province'
            or all_names.place_name not in (select province_names.place_name from province_names)
        )

),

final as (

    select
        place_name,
        place_kind,
        province_short,
        city_short
    from ranked
    where place_rank = 1

)

select * from final
