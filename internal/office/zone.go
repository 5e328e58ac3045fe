package office

import "time"

// cooperationZone decides which month it is. Seoul and Hangzhou are an hour
// apart; the later of the two (UTC+8) never calls a month over early.
var cooperationZone = time.FixedZone("UTC+8", 8*60*60)
