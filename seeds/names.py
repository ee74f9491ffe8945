"""Word lists the generators draw on: streets, houses, meeting groups, staff and synthetic place names."""

STREETS = (
    "Alder Street", "Birchwood Avenue", "Canal Street", "Chestnut Lane", "Cooper Avenue", "Cottonwood Drive",
    "Dockside Road", "Elm Terrace", "Ferry Street", "Foundry Lane", "Gable Street", "Grain Exchange Road",
    "Hawthorn Avenue", "Heron Way", "Hickory Street", "Ironbridge Road", "Juniper Court", "Kettle Street",
    "Lantern Avenue", "Larkspur Lane", "Levee Road", "Linden Street", "Maple Row", "Mill Race Road",
    "Oxbow Drive", "Packer Street", "Pearl Avenue", "Quarry Road", "Redbud Lane", "Riverfront Drive",
    "Rook Street", "Sable Avenue", "Sawmill Road", "Spindle Street", "Sumac Court", "Switchyard Road",
    "Tanner Street", "Thistle Avenue", "Trolley Lane", "Union Boulevard", "Vine Street", "Wharf Street",
    "Wheelwright Avenue", "Willow Bend Road", "Yardley Street",
)

# Recovery residences are usually known by a house name rather than their address.
HOUSES = (
    "Alder", "Aspen", "Beacon", "Birch", "Bluebell", "Bramble", "Cedar", "Clover", "Dogwood", "Elder", "Fern",
    "Foxglove", "Hazel", "Heather", "Holly", "Iris", "Ivy", "Juniper", "Laurel", "Lilac", "Linden", "Magnolia",
    "Maple", "Marigold", "Myrtle", "Oak", "Primrose", "Rowan", "Sage", "Sequoia", "Sorrel", "Spruce", "Sycamore",
    "Tamarack", "Thyme", "Violet", "Walnut", "Wren", "Yarrow", "Zinnia",
)

# Names twelve-step groups choose for themselves; none implies an audience or a time of day.
MEETING_GROUPS = (
    "Keep It Simple", "New Dawn", "Happy Destiny", "Back to Basics", "Came to Believe", "Primary Purpose",
    "Serenity Seekers", "Road to Freedom", "Hope Springs", "Into Action", "Just for Today",
    "Living in the Solution", "Freedom Road", "Gratitude Group", "Open Door", "Easy Does It",
    "Fellowship of the Spirit", "Progress Not Perfection", "Spiritual Awakening", "One Day at a Time",
    "First Things First", "Rocky Road", "Miracle on Main", "Clean and Serene", "Second Chances",
    "Recovery at the River", "Steps and Traditions", "Courage to Change", "Fresh Start", "Willingness Group",
    "Lifeline", "Welcome Home", "Bridge Group", "Common Solution", "Attitude Adjustment", "Stepping Stones",
    "How It Works", "Quiet Mind", "Mindful Path", "Tools for Life", "Balanced Living", "Solid Ground",
    "Keep Coming Back", "Anchor Group", "Harbor Group",
)

# Meeting places are named "<area> <kind>", e.g. "Heron Bend Public Library".
VENUE_KINDS = (
    "Community Center", "Public Library", "Methodist Church", "Alano Club", "Senior Center", "YMCA",
    "Friends Meeting House", "Lutheran Church", "Recreation Center", "Unitarian Church", "Parish Hall",
)

STAFF = (
    "Aisha", "Ben", "Carmen", "Dmitri", "Esperanza", "Farah", "Grace", "Hector", "Imani", "Jonah", "Keisha",
    "Luis", "Mai", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tamika", "Uriel", "Vanessa", "Wes", "Yusuf",
)

# Synthetic towns for the benchmark listings: "<first> <second>", e.g. "Oak Hollow".
TOWN_FIRST = (
    "Oak", "Pine", "Cedar", "Elm", "Maple", "Ash", "Birch", "Willow", "Stone", "Clay", "Red", "Blue", "Green",
    "Silver", "Iron", "Copper", "Fox", "Deer", "Hawk", "Crane", "Bear", "Wolf", "Sunny", "Windy", "High", "Low",
)
TOWN_SECOND = (
    "Hollow", "Crossing", "Ridge", "Springs", "Grove", "Creek", "Point", "Meadow", "Bluff", "Prairie", "Junction",
    "Heights", "Landing", "Valley", "Ford", "Mill", "Park", "Bend", "Station", "Hill",
)
