{#-
    The national high-tech zone list, one row per zone, with what resolution needs:
    the canonical short name derived from the official name, the zone type of the
    official name, the place parts ("cores") of both names, and the province and
    city in their short forms.
-#}
with

national_zones as (

    select * from {{ ref('national_high_tech_zones') }}

),

zone_types as (

    select * from {{ ref('zone_types') }}

),

admin_divisions as (

    select * from {{ ref('admin_divisions') }}

),

provinces as (

    select distinct
        province,
        province_short
    from admin_divisions

),

cities as (

    select distinct
        province,
        city,
        city_short
    from admin_divisions

),

named as (

    select
        name_full,
        name_short,
        province,
        city,
        approval_year,
        -- the press shortens the official suffixes: 高新技术产业开发区 -> 高新区
        regexp_replace(
            name_full,
            '(农业高新技术产业示范区)$',
            '农高区'
        ) as name_agri,
        regexp_replace(
            name_full,
            '(高新技术产业开发区|高新技术产业园区|新技术产业开发区|高技术产业开发区|新技术开发区)$',
            '高新区'
        ) as name_hi_tech
    from national_zones

),

canonical as (

    select
        name_full,
        name_short,
        province,
        city,
        approval_year,
        case
            when name_agri != name_full then name_agri
            -- 深圳市高新技术产业园区 -> 深圳高新区
            when name_hi_tech != name_full then regexp_replace(name_hi_tech, '市高新区$', '高新区')
            else name_full
        end as canonical_name
    from named

),

-- the longest zone-type suffix each name ends with: its type, and the place part before it
full_suffixes as (

    select
        canonical.name_full,
        zone_types.park_type,
        zone_types.suffix,
        row_number() over (
            partition by canonical.name_full
            order by length(zone_types.suffix) desc, zone_types.suffix
        ) as suffix_rank
    from canonical
    inner join zone_types
        on ends_with(canonical.name_full, zone_types.suffix)

),

short_suffixes as (

    select
        canonical.name_full,
        zone_types.suffix,
        row_number() over (
            partition by canonical.name_full
            order by length(zone_types.suffix) desc, zone_types.suffix
        ) as suffix_rank
    from canonical
    inner join zone_types
        on ends_with(canonical.name_short, zone_types.suffix)

),

final as (

    select
        canonical.name_full,
        canonical.name_short,
        canonical.canonical_name,
        case
            when canonical.canonical_name != canonical.name_full then 'high_tech_zone'
            else coalesce(full_suffixes.park_type, 'other')
        end as park_type,
        case
            when canonical.canonical_name != canonical.name_full
                then regexp_replace(canonical.canonical_name, '(高新区|农高区)$', '')
            else left(
                canonical.name_full,
                length(canonical.name_full) - coalesce(length(full_suffixes.suffix), 0)
            )
        end as core_full,
        left(
            canonical.name_short,
            length(canonical.name_short) - coalesce(length(short_suffixes.suffix), 0)
        ) as core_short,
        canonical.province,
        canonical.city,
        coalesce(
            provinces.province_short,
            regexp_replace(
                canonical.province,
                '(维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$',
                ''
            )
        ) as province_short,
        coalesce(
            cities.city_short,
            regexp_replace(canonical.city, '(市|盟|地区|自治州)$', '')
        ) as city_short,
        canonical.approval_year
    from canonical
    left join full_suffixes
        on
            canonical.name_full = full_suffixes.name_full
            and full_suffixes.suffix_rank = 1
    left join short_suffixes
        on
            canonical.name_full = short_suffixes.name_full
            and short_suffixes.suffix_rank = 1
    left join provinces
        on canonical.province = provinces.province
    left join cities
        on
            canonical.province = cities.province
            and canonical.city = cities.city

)

select * from final
