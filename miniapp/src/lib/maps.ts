/**
 * "Chỉ đường": a maps link to the ward's centre. Coordinates from the official unit data when
 * there are some (the map app routes to the point), otherwise the address as a search.
 */
export function directionsUrl(place: { location: { lat: number; lon: number } | null; address: string | null; wardName: string; provinceName: string }): string | null {
  if (place.location) return `https://www.google.com/maps/dir/?api=1&destination=${place.location.lat},${place.location.lon}`;
  if (!place.address) return null;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(`${place.address}, ${place.wardName}, ${place.provinceName}`)}`;
}
